"""`posities fmt` without the command line: files laid out, the bytes around the text kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from posities.core.fmt import lay_out
from posities.core.register import load

from ..conftest import minimal, write

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


def test_a_file_another_writer_changed_meanwhile_is_read_and_laid_out_again(
    empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from posities.core import fmt
    from posities.core.save import ChangedMeanwhile

    path = write(empty_register, "a-decision.yaml", MESSY)
    real = fmt.rewrite
    calls: list[bytes | None] = []

    def quicker_writer_first(target: Path, original: bytes | None, text: str) -> None:
        calls.append(original)
        if len(calls) == 1:
            raise ChangedMeanwhile("changed since it was read")
        real(target, original, text)

    monkeypatch.setattr(fmt, "rewrite", quicker_writer_first)
    laid = lay_out(empty_register, [], check=False)
    assert (laid.changed, laid.problems, len(calls)) == (["positions/a-decision.yaml"], [], 2)
    assert lay_out(empty_register, [], check=True).unchanged == 1
    assert path.read_text(encoding="utf-8") != MESSY
