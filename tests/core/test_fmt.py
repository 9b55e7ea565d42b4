"""`posities fmt` without the command line: files laid out, the bytes around the text kept."""

from __future__ import annotations

from pathlib import Path

from posities.core.fmt import lay_out
from posities.core.register import load

from ..conftest import minimal

MESSY = (
    minimal()
    .replace("actor: US\n", "")
    .replace(
        "topics: [trade]\n", "# what it is about\ntopics:\n  - trade   # the main one\n  - iran\n"
    )
    .replace("updated: 2020-01-01\n", "updated: 2020-01-01\nactor: US    # moved last\n")
)


def test_a_byte_order_mark_and_crlf_are_kept(empty_register: Path) -> None:
    path = empty_register / "a-decision.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode())
    laid = lay_out(empty_register, [], check=False)
    assert (laid.changed, laid.unchanged, laid.problems) == (["positions/a-decision.yaml"], 0, [])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid: a-decision\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert load(empty_register).valid
