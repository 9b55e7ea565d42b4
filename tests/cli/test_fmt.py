"""`posities fmt`: one layout for every position file, comments kept, data never changed."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from posities.core.register import load
from posities.model.records import to_dict

from ..conftest import invoke, minimal, write
from ..core.test_fmt import MESSY


def test_the_bundled_register_is_in_layout(runner: CliRunner, bundled: Path) -> None:
    code, out, err = invoke(runner, "fmt", "--check")
    assert (code, out) == (0, "")
    assert err == "0 files would be laid out, 5 already in layout.\n"


def test_check_lists_what_would_change_and_changes_nothing(
    runner: CliRunner, empty_register: Path
) -> None:
    path = write(empty_register, "a-decision.yaml", MESSY)
    write(empty_register, "b-decision.yaml", minimal("b-decision"))
    code, out, err = invoke(runner, "fmt", "--check")
    assert (code, out) == (1, "")
    assert err == (
        "would lay out positions/a-decision.yaml\n1 file would be laid out, 1 already in layout.\n"
    )
    assert path.read_text(encoding="utf-8") == MESSY


def test_fmt_lays_out_keeps_comments_and_the_record(
    runner: CliRunner, empty_register: Path
) -> None:
    path = write(empty_register, "a-decision.yaml", MESSY)
    before = [to_dict(p) for p in load(empty_register).positions]
    code, _, err = invoke(runner, "fmt")
    assert code == 0
    assert err == "laid out positions/a-decision.yaml\n1 file laid out, 0 already in layout.\n"
    after = path.read_text(encoding="utf-8")
    assert [to_dict(p) for p in load(empty_register).positions] == before
    lines = after.splitlines()
    assert lines.index("actor: US  # moved last") < lines.index("decision:")
    assert "# what it is about" in after
    assert "# the main one" in after
    code, _, err = invoke(runner, "fmt")
    assert (code, err) == (0, "0 files laid out, 1 already in layout.\n")
    assert path.read_text(encoding="utf-8") == after


def test_fmt_takes_ids_and_suggests_for_a_wrong_one(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", MESSY)
    other = write(empty_register, "b-decision.yaml", MESSY.replace("a-decision", "b-decision"))
    code, _, err = invoke(runner, "fmt", "a-decision")
    assert (code, err) == (
        0,
        "laid out positions/a-decision.yaml\n1 file laid out, 0 already in layout.\n",
    )
    assert other.read_text(encoding="utf-8") == MESSY.replace("a-decision", "b-decision")
    code, _, err = invoke(runner, "fmt", "a-decisoin")
    assert code == 2
    assert "no position with id 'a-decisoin'; did you mean a-decision" in err


def test_a_file_that_cannot_be_read_is_named_and_the_others_laid_out(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", "id: [\n")
    write(empty_register, "b-decision.yaml", MESSY.replace("a-decision", "b-decision"))
    code, _, err = invoke(runner, "fmt")
    assert code == 1
    assert err.splitlines() == [
        "positions/a-decision.yaml:2:1: invalid YAML: while parsing a flow node did not find "
        "expected node content",
        "laid out positions/b-decision.yaml",
        "1 file laid out, 0 already in layout, 1 could not be laid out.",
    ]


def test_an_impossible_date_is_named_and_the_other_files_laid_out(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", minimal().replace("2019-01-02", "2019-02-29"))
    write(empty_register, "b-decision.yaml", MESSY.replace("a-decision", "b-decision"))
    code, _, err = invoke(runner, "fmt")
    assert code == 1
    assert err.splitlines() == [
        "positions/a-decision.yaml: cannot lay this file out (day is out of range for month); "
        "posities check says what is wrong",
        "laid out positions/b-decision.yaml",
        "1 file laid out, 0 already in layout, 1 could not be laid out.",
    ]


def test_a_pipe_named_like_a_position_is_refused_not_read(
    runner: CliRunner, empty_register: Path
) -> None:
    import os

    os.mkfifo(empty_register / "a-decision.yaml")
    code, _, err = invoke(runner, "fmt", "--check")
    assert code == 1
    assert err.splitlines() == [
        "positions/a-decision.yaml: cannot read the file: is a pipe, not a position file",
        "0 files would be laid out, 0 already in layout, 1 could not be laid out.",
    ]
    code, _, err = invoke(runner, "set", "a-decision", "--actor", "EU")
    assert code == 1
    assert err == ("error: cannot read positions/a-decision.yaml: is a pipe, not a position file\n")


def test_a_file_laid_out_beyond_the_size_limit_is_left_as_it_is(
    runner: CliRunner, empty_register: Path
) -> None:
    long = " ".join(["woord"] * 42_000)  # one line now; folded, every line gains an indent
    text = minimal().replace("en: The Netherlands has a view.", f"en: {long}")
    path = write(empty_register, "a-decision.yaml", text)
    before = path.read_bytes()
    assert len(before) < 256 * 1024
    code, _, err = invoke(runner, "fmt")
    assert code == 1
    assert err.splitlines()[0].startswith("positions/a-decision.yaml: laid out it would be 2")
    assert err.splitlines()[0].endswith(
        "KiB, more than the 256 KiB a position file may be; nothing was changed"
    )
    assert path.read_bytes() == before


def test_a_hash_in_a_new_value_is_data_not_a_comment(
    runner: CliRunner, empty_register: Path
) -> None:
    text = minimal().replace("[trade]", "\n  # the trade file\n  - trade")
    path = write(empty_register, "a-decision.yaml", text)
    code, _, err = invoke(
        runner, "set", "a-decision", "--topics", "trade,iran", "--title-en", "Withdrawal #2"
    )
    assert (code, err.splitlines()[0]) == (0, "wrote positions/a-decision.yaml")
    after = path.read_text(encoding="utf-8")
    assert "# the trade file" in after
    assert load(empty_register).positions[0].title.en == "Withdrawal #2"
