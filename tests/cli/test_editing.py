"""Editing positions: minimal, validated, atomic writes through set, add-source, new and edit,
every quote verified; and against hostile editors, signals, arguments and streams, each ends
with a clear message and a code that says what happened to the file."""

from __future__ import annotations

import datetime
import difflib
import errno
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from posities.cli import app
from posities.cli import boundary as output
from posities.core import editing, session
from posities.core import new as new_module
from posities.core.register import load
from posities.io.yamlread import parse
from posities.model.schema import MAX_ID_LENGTH

from ..conftest import invoke, minimal, write
from ..core.test_editing import YAML_VALUES
from .test_quote import LETTER, RIGHT_TO_LEFT, SOURCE

TODAY = datetime.date.today().isoformat()


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a diff shows as removed or added."""
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.fixture
def jcpoa(bundled: Path) -> Path:
    return bundled / "jcpoa.yaml"


# --- set --------------------------------------------------------------------------------------


def test_a_one_field_edit_is_a_one_line_diff(runner: CliRunner, jcpoa: Path) -> None:
    before = jcpoa.read_text(encoding="utf-8")
    code, _, err = invoke(runner, "set", "jcpoa", "--means-differ", "no", "--updated", "2026-11-27")
    assert code == 0
    assert err == "wrote positions/jcpoa.yaml\n  means_differ: yes → no\n"
    assert changed_lines(before, jcpoa.read_text(encoding="utf-8")) == [
        "-means_differ: true",
        "+means_differ: false",
    ]


def test_a_stance_change_sets_updated_to_today(runner: CliRunner, empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    invoke(runner, "set", "a-decision", "--stance", "opposes")
    assert changed_lines(minimal(), path.read_text(encoding="utf-8")) == [
        "-stance: critical",
        "+stance: opposes",
        "-updated: 2020-01-01",
        f"+updated: {TODAY}",
    ]
    path.write_text(minimal(), encoding="utf-8")
    invoke(runner, "set", "a-decision", "--actor", "EU")
    assert changed_lines(minimal(), path.read_text(encoding="utf-8")) == [
        "-actor: US",
        "+actor: EU",
    ]


def test_unknown_is_written_as_null(runner: CliRunner, empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal(goal_shared="true"))
    invoke(runner, "set", "a-decision", "--goal-shared", "unknown", "--updated", "2020-01-01")
    assert parse(path.read_text(encoding="utf-8")).value["goal_shared"] is None


def test_comments_bom_and_line_endings_are_kept(runner: CliRunner, empty_register: Path) -> None:
    text = "# about this file\n" + minimal().replace("actor: US", "actor: US  # the actor")
    original = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    path = write(empty_register, "a-decision.yaml", original)
    code, _, _ = invoke(runner, "set", "a-decision", "--actor", "EU")
    assert code == 0
    assert path.read_bytes() == original.replace(b"actor: US  #", b"actor: EU  #")


@pytest.mark.parametrize("tricky", ["NO", "yes", "on", "1:20", "2018-01-01", "null", "12", "#x"])
def test_strings_other_readers_would_misread_are_quoted(
    runner: CliRunner, empty_register: Path, tricky: str
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    code, _, err = invoke(runner, "set", "a-decision", "--title-en", tricky)
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert f'  en: "{tricky}"\n' in text
    assert parse(text).value["title"]["en"] == tricky


def test_a_folded_text_stays_folded(runner: CliRunner, jcpoa: Path) -> None:
    new = " ".join(["The Netherlands views it critically."] * 6)
    invoke(runner, "set", "jcpoa", "--summary-en", new)
    text = jcpoa.read_text(encoding="utf-8")
    assert "  en: >-\n    The Netherlands views it critically. The Netherlands" in text
    assert parse(text).value["summary"]["en"] == new
    assert max(len(line) for line in text.splitlines()) <= 100


def test_an_edit_that_would_be_invalid_is_refused(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "paris-agreement.yaml"
    before = path.read_bytes()
    code, _, err = invoke(runner, "set", "paris-agreement", "--goal-shared", "yes")
    assert code == 1
    assert "would leave positions/paris-agreement.yaml invalid (1 problem); nothing was" in err
    assert "positions/paris-agreement.yaml:15:14: goal_shared is stated but no source" in err
    assert path.read_bytes() == before
    code, _, err = invoke(runner, "set", "paris-agreement", "--date", "2018-02-30")
    assert code == 1
    assert "2018-02-30" in err
    assert path.read_bytes() == before


def test_set_usage_errors(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(runner, "set", "jcpoa")
    assert code == 2
    assert "nothing to change" in err
    code, _, err = invoke(runner, "set", "jcpao", "--stance", "opposes")
    assert code == 2
    assert "no position with id 'jcpao'; did you mean jcpoa?" in err
    code, _, err = invoke(runner, "set", "../jcpoa", "--stance", "opposes")
    assert code == 2
    assert "is not a position id" in err
    code, _, err = invoke(runner, "set", "jcpoa", "--stance", "critical")
    assert code == 0
    assert err == "jcpoa: nothing changed; the file is as it was\n"


def test_a_block_list_is_replaced_by_laying_the_file_out_anew(
    runner: CliRunner, empty_register: Path
) -> None:
    text = minimal().replace("[trade]", "\n  # the trade file\n  - trade")
    text = text.replace("actor: US", "actor: US  # the decision's author")
    path = write(empty_register, "a-decision.yaml", text)
    code, _, err = invoke(runner, "set", "a-decision", "--topics", "trade,iran")
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert parse(after).value["topics"] == ["trade", "iran"]
    assert "actor: US  # the decision's author\n" in after
    assert "# the trade file" in after
    assert load(empty_register).valid


def test_a_set_that_repairs_a_dutch_stance_says_what_it_was(
    runner: CliRunner, empty_register: Path
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal(stance="kritisch"))
    assert invoke(runner, "check")[0] == 1
    code, out, err = invoke(runner, "set", "a-decision", "--stance", "critical")
    assert (code, out) == (0, "")
    assert err == (
        "wrote positions/a-decision.yaml\n"
        "  stance: kritisch → critical\n"
        f"  updated: 2020-01-01 → {TODAY}\n"
    )
    assert changed_lines(minimal(stance="kritisch"), path.read_text(encoding="utf-8")) == [
        "-stance: kritisch",
        "+stance: critical",
        "-updated: 2020-01-01",
        f"+updated: {TODAY}",
    ]
    assert invoke(runner, "check")[0] == 0


REPAIRS = [
    # the line in the file, the option and value that repair it, the new line, the report
    ("stance: [kritisch]", "--stance", "critical", "stance: critical", "[kritisch] → critical"),
    (
        "stance: {nl: kritisch}",
        "--stance",
        "critical",
        "stance: critical",
        "{nl: kritisch} → critical",
    ),
    ("stance: 3", "--stance", "critical", "stance: critical", "3 → critical"),
    ("stance: null", "--stance", "critical", "stance: critical", "— → critical"),
    ("goal_shared: yes", "--goal-shared", "yes", "goal_shared: true", '"yes" → yes'),
    ("goal_shared: 1", "--goal-shared", "yes", "goal_shared: true", "1 → yes"),
    ("goal_shared: 0.0", "--goal-shared", "no", "goal_shared: false", "0.0 → no"),
    ("goal_shared: [true]", "--goal-shared", "yes", "goal_shared: true", "[true] → yes"),
    ('goal_shared: "null"', "--goal-shared", "unknown", "goal_shared: null", '"null" → not stated'),
    ("actor: [US, EU]", "--actor", "US", "actor: US", "[US, EU] → US"),
    ("actor: 12", "--actor", "US", "actor: US", "12 → US"),
    ("actor: {a: {b: [1, x]}}", "--actor", "US", "actor: US", "{a: {b: [1, x]}} → US"),
    ("actor: ''", "--actor", "US", "actor: 'US'", '"" → US'),
    ("topics: trade", "--topics", "trade,iran", "topics: [trade, iran]", "trade → trade, iran"),
    ("topics: [1, trade]", "--topics", "trade", "topics: [trade]", "[1, trade] → trade"),
    ("  date: 2019", "--date", "2019-01-02", "  date: 2019-01-02", "2019 → 2019-01-02"),
    ("  date: [2019-01]", "--date", "2019-01-02", "  date: 2019-01-02", "[2019-01] → 2019-01-02"),
]


@pytest.mark.parametrize(("line", "option", "value", "new", "report"), REPAIRS)
def test_a_set_that_repairs_any_wrong_value_reports_it(
    runner: CliRunner,
    empty_register: Path,
    line: str,
    option: str,
    value: str,
    new: str,
    report: str,
) -> None:
    key = line.split(":")[0] + ":"
    lines = minimal().splitlines(keepends=True)
    text = "".join(line + "\n" if old.startswith(key) else old for old in lines)
    path = write(empty_register, "a-decision.yaml", text)
    code, out, err = invoke(runner, "set", "a-decision", option, value, "--updated", "2020-01-01")
    name = "decision.date" if key == "  date:" else key[:-1]
    assert (code, out, err) == (0, "", f"wrote positions/a-decision.yaml\n  {name}: {report}\n")
    assert changed_lines(text, path.read_text(encoding="utf-8")) == [f"-{line}", f"+{new}"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    case=st.sampled_from(
        [
            ("stance:", "--stance", "critical"),
            ("goal_shared:", "--goal-shared", "yes"),
            ("actor:", "--actor", "US"),
            ("topics:", "--topics", "trade"),
            ("  en: A decision", "--title-en", "A decision, repaired"),
            ("  date: 2019-01-02", "--date", "2019-01-02"),
        ]
    ),
    value=YAML_VALUES,
)
@example(case=("goal_shared:", "--goal-shared", "yes"), value=True)
def test_a_set_on_any_wrong_value_repairs_it_or_says_why_not(
    runner: CliRunner, empty_register: Path, case: tuple[str, str, str], value: Any
) -> None:
    start, option, new = case
    key = start.split(":")[0] + ":"
    flow = json.dumps(value)
    lines = minimal().splitlines(keepends=True)
    text = "".join(f"{key} {flow}\n" if old.startswith(start) else old for old in lines)
    write(empty_register, "a-decision.yaml", text)
    code, out, err = invoke(runner, "set", "a-decision", option, new, "--updated", "2020-01-01")
    event(f"exit {code}")
    assert out == ""
    if code == 0:
        report = err.splitlines()
        if report != ["a-decision: nothing changed; the file is as it was"]:  # it held `new`
            assert report[0] == "wrote positions/a-decision.yaml"
            assert len(report) == 2, err
        assert invoke(runner, "check")[0] == 0
    else:
        assert code == 1
        assert err.startswith("error: "), err
        assert len(err.splitlines()) >= 1


# --- add-source -------------------------------------------------------------------------------


def test_add_source_appends_after_the_last_one(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "paris-agreement.yaml"
    before = path.read_text(encoding="utf-8")
    code, _, err = invoke(
        runner,
        "add-source",
        "paris-agreement",
        "--source-title",
        "Verslag: van een gesprek",
        "--source-kind",
        "verslag",
        "--source-date",
        "2019-01-02",
        "--quote",
        "Wij delen het doel.",
        "--supports",
        "summary",
    )
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        '+  - title: "Verslag: van een gesprek"',
        "+    kind: verslag",
        "+    date: 2019-01-02",
        "+    supports: [summary]",
        "+    quote: Wij delen het doel.",
    ]


ADD = ["add-source", "paris-agreement", "--source-title", "Verslag", "--source-kind", "verslag"]


def test_add_source_states_the_claim_its_quote_supports(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "paris-agreement.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = invoke(
        runner,
        *ADD,
        "--quote",
        "Wij delen het doel.",
        "--supports",
        "goal_shared",
        "--goal-shared",
        "ja",
    )
    assert (code, out) == (0, "")
    assert err == (
        "wrote positions/paris-agreement.yaml: added a source (Verslag)\n"
        "  goal_shared: not stated → yes\n"
        f"  updated: 2026-11-27 → {TODAY}\n"
    )
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        "-goal_shared: null  # the letter does not say",
        "+goal_shared: true  # the letter does not say",
        "-updated: 2026-11-27",
        "+  - title: Verslag",
        "+    kind: verslag",
        "+    date: null",
        "+    supports: [goal_shared]",
        "+    quote: Wij delen het doel.",
        f"+updated: {TODAY}",
    ]


def test_add_source_refuses_to_support_a_claim_that_is_not_stated(
    runner: CliRunner, bundled: Path
) -> None:
    path = bundled / "paris-agreement.yaml"
    before = path.read_bytes()
    for stated in ([], ["--means-differ", "unknown"]):
        code, out, err = invoke(
            runner,
            *ADD,
            "--quote",
            "Q.",
            "--supports",
            "summary",
            "--supports",
            "means_differ",
            *stated,
        )
        assert (code, out) == (1, "")
        assert err == (
            "error: means_differ is not stated (null) in positions/paris-agreement.yaml, so no "
            "quote can support it: state it with this source (--means-differ yes or no), or "
            "leave it out of --supports\n"
        )
    assert path.read_bytes() == before


def test_a_claim_made_unknown_leaves_the_supports_that_named_it(
    runner: CliRunner, bundled: Path
) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_text(encoding="utf-8")
    code, _, err = invoke(
        runner,
        "set",
        "jcpoa",
        "--goal-shared",
        "unknown",
        "--means-differ",
        "unknown",
        "--updated",
        "2026-11-27",
    )
    assert code == 0, err
    assert err == (
        "wrote positions/jcpoa.yaml\n"
        "  goal_shared: yes → not stated\n"
        "  means_differ: yes → not stated\n"
        "  sources[2].supports: [goal_shared, means_differ, summary] → [summary]\n"
    )
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        "-goal_shared: true",
        "-means_differ: true",
        "+goal_shared: null",
        "+means_differ: null",
        "-    supports: [goal_shared, means_differ, summary]",
        "+    supports: [summary]",
    ]
    assert invoke(runner, "check")[0] == 0


def test_a_claim_a_source_supports_alone_is_not_made_unknown(
    runner: CliRunner, empty_register: Path
) -> None:
    quote = "    quote: Wij vinden er iets van.\n"
    text = minimal(goal_shared="true").replace(
        quote,
        "    supports: [goal_shared]\n" + quote + "  - title: Een andere brief\n"
        "    kind: kamerbrief\n    supports: [stance, decision, summary]\n" + quote,
    )
    path = write(empty_register, "a-decision.yaml", text)
    code, _, err = invoke(runner, "set", "a-decision", "--goal-shared", "unknown")
    assert code == 1
    assert err == (
        "error: positions/a-decision.yaml: sources[0] supports only goal_shared; with "
        "goal_shared not stated its quote would support nothing, so nothing was written. Remove "
        "that source (posities edit), or first name in its supports what else its quote states\n"
    )
    assert path.read_text(encoding="utf-8") == text


def test_add_source_to_a_flow_list_lays_the_file_out_anew(
    runner: CliRunner, empty_register: Path
) -> None:
    flow = minimal().split("sources:")[0] + (
        "# the letter first\nsources: [{title: B, kind: brief, quote: Q.}]\nupdated: 2020-01-01\n"
    )
    path = write(empty_register, "a-decision.yaml", flow)
    code, _, err = invoke(
        runner,
        "add-source",
        "a-decision",
        "--source-title",
        "T",
        "--source-kind",
        "k",
        "--quote",
        "Q2.",
    )
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert [s["quote"] for s in parse(after).value["sources"]] == ["Q.", "Q2."]
    assert "# the letter first\n" in after
    assert load(empty_register).valid


def test_add_source_spells_its_options_as_new_does(runner: CliRunner) -> None:
    import typer

    commands = typer.main.get_command(app).commands
    names = {
        command: {o for p in commands[command].params if not p.hidden for o in p.opts}
        for command in ("new", "add-source")
    }
    assert names["add-source"] - names["new"] == {"--find", "--on"}
    code, out, _ = invoke(runner, "add-source", "--help")
    assert code == 0
    for old in ("--title", "--kind", "--date", "--text", "--url"):
        assert f" {old} " not in out
        assert f" --source-{old[2:]} " in out


OLD_SPELLINGS = [
    "--title",
    "Een verslag",
    "--kind",
    "verslag",
    "--date",
    "2019-01-02",
    "--text",
    "texts/verslag.txt",
    "--url",
    "https://example.org/verslag",
    "--quote",
    "Wij delen het doel.",
]


def test_add_source_keeps_the_old_spellings(runner: CliRunner, empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    (empty_register / "texts").mkdir()
    (empty_register / "texts" / "verslag.txt").write_text("Wij delen het doel.\n", encoding="utf-8")
    code, _, err = invoke(runner, "add-source", "a-decision", *OLD_SPELLINGS)
    assert (code, err) == (0, "wrote positions/a-decision.yaml: added a source (Een verslag)\n")
    source = parse(path.read_text(encoding="utf-8")).value["sources"][-1]
    assert source == {
        "title": "Een verslag",
        "kind": "verslag",
        "date": "2019-01-02",
        "text": "texts/verslag.txt",
        "url": "https://example.org/verslag",
        "quote": "Wij delen het doel.",
    }


@pytest.mark.parametrize(
    "given",
    [
        ["--title", "Een verslag", "--source-title", "Een verslag", "--kind", "verslag"],
        ["--source-title", "Een verslag", "--kind", "verslag", "--source-kind", "verslag"],
    ],
)
def test_both_spellings_with_one_value_are_one_option(
    runner: CliRunner, empty_register: Path, given: list[str]
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    code, _, err = invoke(runner, "add-source", "a-decision", *given, "--quote", "Q.")
    assert (code, err) == (0, "wrote positions/a-decision.yaml: added a source (Een verslag)\n")
    assert parse(path.read_text(encoding="utf-8")).value["sources"][-1]["kind"] == "verslag"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("--title", "--source-title"),
        ("--kind", "--source-kind"),
        ("--date", "--source-date"),
        ("--text", "--source-text"),
        ("--url", "--source-url"),
    ],
)
def test_both_spellings_with_two_values_are_refused(
    runner: CliRunner, empty_register: Path, old: str, new: str
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    given = ["--source-title", "T", "--source-kind", "k", "--quote", "Q."]
    code, _, err = invoke(runner, "add-source", "a-decision", *given, old, "one", new, "two")
    assert code == 2
    assert f"{old} is the old spelling of {new}; give one of them, not both with" in err
    assert path.read_text(encoding="utf-8") == minimal()


def test_add_source_names_a_missing_option_by_its_new_spelling(
    runner: CliRunner, empty_register: Path
) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    code, _, err = invoke(runner, "add-source", "a-decision", "--kind", "k", "--quote", "Q.")
    assert code == 2
    assert "give the document's title with --source-title" in " ".join(err.replace("│", "").split())


# --- new ----------------------------------------------------------------------------------------

NEW = [
    "new",
    "tariffs-2025",
    "--title-nl",
    "Heffingen",
    "--title-en",
    "Tariffs",
    "--actor",
    "US",
    "--date",
    "2025-01-20",
    "--stance",
    "critical",
    "--description-nl",
    "De VS stellen heffingen in.",
    "--description-en",
    "The US imposes tariffs.",
    "--summary-nl",
    "Nederland is kritisch.",
    "--summary-en",
    "The Netherlands is critical.",
    "--source-title",
    "Een brief",
    "--quote",
    "Wij zijn kritisch.",
    "--topics",
    "trade, tariffs",
]


def test_new_writes_a_commented_valid_file(runner: CliRunner, empty_register: Path) -> None:
    code, out, err = invoke(runner, *NEW)
    assert code == 0, err
    assert out == "positions/tariffs-2025.yaml\n"
    assert err == "wrote positions/position.schema.json (the schema the new file points to)\n"
    text = (empty_register / "tariffs-2025.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=position.schema.json\n")
    assert "stance: critical  # supports, neutral, concerned, critical or opposes\n" in text
    assert "goal_shared: null  # true, false, or null where the sources do not say\n" in text
    assert f"updated: {TODAY}" in text
    register = load(empty_register)
    assert register.valid
    assert register.positions[0].topics == ("trade", "tariffs")
    assert invoke(runner, "check")[0] == 0


def test_new_refuses_an_existing_or_invalid_id(runner: CliRunner, empty_register: Path) -> None:
    invoke(runner, *NEW)
    code, _, err = invoke(runner, *NEW)
    assert code == 2
    assert "position 'tariffs-2025' exists already" in err
    code, _, err = invoke(runner, "new", "Tariffs 2025")
    assert code == 2
    assert "'Tariffs 2025' is not a valid id: use kebab-case" in err


def test_new_names_what_is_missing(runner: CliRunner, empty_register: Path) -> None:
    code, _, err = invoke(runner, "new", "x", "--actor", "US")
    assert code == 2
    assert "missing --title-nl, --title-en, --date, --stance" in " ".join(err.split())
    assert not (empty_register / "x.yaml").exists()


# --- edit ---------------------------------------------------------------------------------------


def editor(tmp_path: Path, *steps: str) -> str:
    """An editor that runs the shell step of its call count on the file (the last repeats)."""
    script = tmp_path / "editor.sh"
    counter = tmp_path / "editor.count"
    cases = "".join(f"  {n}) {step} ;;\n" for n, step in enumerate(steps, 1))
    script.write_text(
        "#!/bin/sh\n"
        f'n=$(( $(cat "{counter}" 2>/dev/null || echo 0) + 1 )); echo $n > "{counter}"\n'
        f"case $n in\n{cases}  *) {steps[-1]} ;;\nesac\n"
    )
    script.chmod(0o755)
    return str(script)


def test_edit_saves_a_valid_version(
    runner: CliRunner, jcpoa: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "EDITOR", editor(tmp_path, "sed -i 's/^stance: critical/stance: opposes/' \"$1\"")
    )
    before = jcpoa.read_text(encoding="utf-8")
    code, _, err = invoke(runner, "edit", "jcpoa")
    assert (code, err) == (0, "saved positions/jcpoa.yaml\n")
    assert changed_lines(before, jcpoa.read_text(encoding="utf-8")) == [
        "-stance: critical",
        "+stance: opposes",
    ]


def test_edit_reopens_an_invalid_version_with_its_problems(
    runner: CliRunner, jcpoa: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.yaml"
    steps = (
        "printf 'stance: opposes\\n' >> \"$1\"",  # a duplicate key
        f'cp "$1" {seen}; sed -i \'/^# posities: /d; $d\' "$1"',  # read the notes, fix it
    )
    monkeypatch.setenv("VISUAL", editor(tmp_path, *steps))
    before = jcpoa.read_bytes()
    code, _, err = invoke(runner, "edit", "jcpoa")
    assert (code, err) == (0, "no changes; positions/jcpoa.yaml is unchanged\n")
    notes = seen.read_text(encoding="utf-8").splitlines()
    assert notes[0].startswith("# posities: this version was not saved.")
    assert notes[1] == (
        "# posities: line 105, column 1: duplicate key 'stance' (first defined at line 12); "
        "each key may appear once"
    )
    assert jcpoa.read_bytes() == before


def test_giving_up_keeps_the_copy_and_the_original(
    runner: CliRunner, jcpoa: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", editor(tmp_path, "printf 'x: &a 1\\n' >> \"$1\"", "true"))
    before = jcpoa.read_bytes()
    code, _, err = invoke(runner, "edit", "jcpoa")
    assert code == 1
    assert err.startswith("gave up: positions/jcpoa.yaml is unchanged; your version is kept at ")
    kept = Path(err.split(" kept at ")[1].strip())
    assert "anchors (&a) are not allowed" in kept.read_text(encoding="utf-8")
    assert jcpoa.read_bytes() == before


def test_editor_faults(
    runner: CliRunner, jcpoa: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = jcpoa.read_bytes()
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    code, _, err = invoke(runner, "edit", "jcpoa")
    assert (code, err) == (2, "error: no editor: set VISUAL or EDITOR (for example EDITOR=nano)\n")
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    code, _, err = invoke(runner, "edit", "jcpoa")
    assert code == 2
    assert "was not found; check VISUAL or EDITOR" in err
    monkeypatch.setenv("EDITOR", editor(tmp_path, 'echo more >> "$1"; exit 3'))
    code, _, err = invoke(runner, "edit", "jcpoa")
    assert code == 1
    assert err.startswith("the editor exited with status 3; positions/jcpoa.yaml is unchanged")
    assert jcpoa.read_bytes() == before


# --- the writer ---------------------------------------------------------------------------------


def test_a_read_only_folder_is_a_clear_error(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    before = path.read_bytes()

    real_open = os.open

    def refuse(name: str, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):  # reading is allowed, writing not
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(name, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    code, _, err = invoke(runner, "set", "a-decision", "--actor", "EU")
    assert code == 1
    assert err == (
        "error: cannot write positions/a-decision.yaml: permission denied (is the file or its "
        "folder read-only?); the file is unchanged\n"
    )
    assert path.read_bytes() == before


def test_a_read_only_file_is_not_replaced(runner: CliRunner, empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    path.chmod(0o444)
    code, _, err = invoke(runner, "set", "a-decision", "--actor", "EU")
    assert code == 1
    assert err == (
        "error: positions/a-decision.yaml is read-only; nothing was written "
        "(chmod u+w to allow edits)\n"
    )
    assert path.read_text(encoding="utf-8") == minimal()


def test_git_sees_a_one_field_edit_as_one_line(runner: CliRunner, jcpoa: Path) -> None:
    import subprocess

    top = jcpoa.parent.parent
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    for args in (
        ["init", "-q"],
        ["add", "positions"],
        ["-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-qm", "start"],
    ):
        subprocess.run(["git", *args], cwd=top, env=env, check=True, capture_output=True)
    invoke(runner, "set", "jcpoa", "--goal-shared", "no", "--updated", "2026-11-27")
    numstat = subprocess.run(
        ["git", "diff", "--numstat"], cwd=top, env=env, check=True, capture_output=True, text=True
    ).stdout
    assert numstat == "1\t1\tpositions/jcpoa.yaml\n"


def test_new_asks_for_what_is_missing_in_a_terminal(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "interactive", lambda: True)
    given = [a for a in NEW if a not in ("--quote", "Wij zijn kritisch.")]
    result = runner.invoke(app, given[:-2], input="\nWij zijn kritisch.\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "positions/tariffs-2025.yaml\n"
    assert result.stderr == (
        f"{SOURCE_TEXT}Quote (copied verbatim from the source): "
        "wrote positions/position.schema.json (the schema the new file points to)\n"
    )
    text = (empty_register / "tariffs-2025.yaml").read_text(encoding="utf-8")
    assert "    quote: Wij zijn kritisch.  # copied verbatim from the document\n" in text


SOURCE_TEXT = (
    "Source text (its local copy under the register, e.g. texts/brief.txt; empty if there is "
    "none): "
)
STANCE = (
    "Stance (supports, neutral, concerned, critical, opposes; or in Dutch: kritisch, wijst af, "
    "...): "
)
ASKED = ("--title-nl", "--title-en", "--actor", "--date", "--stance", "--quote")
"""The options left out below, so that the date is the fourth question."""


def without(options: tuple[str, ...]) -> list[str]:
    """NEW without `options` and their values."""
    kept: list[str] = []
    for option, value in zip(NEW[2::2], NEW[3::2], strict=True):
        if option not in options:
            kept += [option, value]
    return NEW[:2] + kept


def test_new_asks_again_for_an_answer_that_is_not_right(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "interactive", lambda: True)
    answers = [
        "Heffingen",
        "Tariffs",
        "US",
        "2025-13-01",  # the fourth question; asked again with the reason
        "20 January 2025",
        "2025-01",
        "kritsch",  # a typo: asked again, with the word it may be
        "kritisch",  # Dutch is taken
        "texts/none.txt",  # no such text: asked again
        "",  # no text
        "",
        "Wij zijn kritisch.",
    ]
    result = runner.invoke(app, without(ASKED), input="".join(a + "\n" for a in answers))
    assert (result.exit_code, result.stdout) == (0, "positions/tariffs-2025.yaml\n")
    date = "Decision date (YYYY-MM-DD, YYYY-MM or YYYY): "
    stance = STANCE
    quote = "Quote (copied verbatim from the source): "
    assert result.stderr.split(": ", 3)[:3] == [
        "Title in Dutch (the decision's name, one line)",
        "Title in English (the decision's name, one line)",
        "Actor (who took the decision, e.g. US)",
    ]
    assert result.stderr.split("e.g. US): ", 1)[1] == (
        f"{date}  decision.date '2025-13-01': impossible date: month must be in 1..12\n"
        f"{date}  decision.date '20 January 2025': expected a date as YYYY-MM-DD, YYYY-MM or "
        "YYYY\n"
        f"{date}{stance}  'kritsch' is not a stance; did you mean 'kritisch'? Use one of: "
        "supports, neutral, concerned, critical, opposes (or the Dutch words)\n"
        f"{stance}{SOURCE_TEXT}  'texts/none.txt': no such file (the path is relative to the "
        "register folder)\n"
        f"{SOURCE_TEXT}{quote}  sources[0].quote must not be empty\n"
        f"{quote}wrote positions/position.schema.json (the schema the new file points to)\n"
    )
    value = parse((empty_register / "tariffs-2025.yaml").read_text(encoding="utf-8")).value
    assert (value["decision"]["date"], value["stance"]) == ("2025-01", "critical")
    assert value["title"] == {"nl": "Heffingen", "en": "Tariffs"}
    assert value["sources"][0]["quote"] == "Wij zijn kritisch."


def test_new_checks_the_given_options_before_asking(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "interactive", lambda: True)
    command = [*without(("--quote",)), "--source-date", "2025-01-20"]
    command[command.index("--date") + 1] = "2025-02-30"
    result = runner.invoke(app, command, input="Wij zijn kritisch.\n")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: --date: decision.date '2025-02-30': impossible date: day is out of range for "
        "month\n"
    )
    assert list(empty_register.iterdir()) == []


def test_new_stops_cleanly_when_the_answers_end(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "interactive", lambda: True)
    result = runner.invoke(app, without(ASKED), input="Heffingen\n")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Title in Dutch (the decision's name, one line): "
        "Title in English (the decision's name, one line): \nno answer: nothing was written\n"
    )
    assert list(empty_register.iterdir()) == []


def test_ctrl_c_at_a_question_writes_nothing(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    def ctrl_c() -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr(builtins, "input", ctrl_c)
    result = runner.invoke(app, without(("--quote",)))
    assert (result.exit_code, result.stdout) == (130, "")
    assert result.stderr == f"{SOURCE_TEXT}\ninterrupted: nothing was written\n"
    assert list(empty_register.iterdir()) == []


def test_new_asks_in_a_real_terminal(empty_register: Path) -> None:
    import select
    import subprocess

    (empty_register / "texts").mkdir()
    letter = "Een brief.\n\nWij zijn kri-\ntisch. Dat blijft zo.\n"
    (empty_register / "texts" / "brief.txt").write_text(letter, encoding="utf-8")
    leader, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "posities", *without(("--date", "--stance", "--quote"))],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        start_new_session=True,
    )
    os.close(follower)
    seen = b""

    def until(text: str) -> None:
        nonlocal seen
        while text.encode() not in seen:
            ready, _, _ = select.select([leader], [], [], 60)
            assert ready, f"waited for {text!r}; the terminal shows {seen.decode()!r}"
            try:
                seen += os.read(leader, 4096)
            except OSError:  # the program ended and closed the terminal
                break
        assert text.encode() in seen, seen.decode()
        seen = seen.split(text.encode(), 1)[1]

    try:
        until("Decision date (YYYY-MM-DD, YYYY-MM or YYYY): ")
        os.write(leader, b"2025-01-32\n")
        until("2025-01-32\r\n  decision.date '2025-01-32': impossible date: day is out of range")
        until("Decision date (YYYY-MM-DD, YYYY-MM or YYYY): ")
        os.write(leader, b"2025-01-20\n")
        until(STANCE)
        os.write(leader, b"wijst af\n")
        until(SOURCE_TEXT)
        os.write(leader, b"positions/texts/brief.txt\n")
        until("Quote (copied verbatim from the source): ")
        os.write(leader, b"Wij zijn positief.\n")
        until("quote is not found verbatim in 'texts/brief.txt'")
        until("Quote (copied verbatim from the source): ")
        os.write(leader, b"Wij zijn kritisch.\n")
        until("positions/tariffs-2025.yaml\r\n")
    finally:
        try:
            code = process.wait(timeout=60)
        except subprocess.TimeoutExpired:  # never left waiting for an answer that will not come
            process.kill()
            code = process.wait()
        os.close(leader)
    assert code == 0
    value = parse((empty_register / "tariffs-2025.yaml").read_text(encoding="utf-8")).value
    assert (value["decision"]["date"], value["stance"]) == ("2025-01-20", "opposes")
    assert value["sources"][0]["text"] == "texts/brief.txt"


def test_new_says_when_the_schema_could_not_be_written(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(new_module, "replace_text", fail)
    code, _, err = invoke(runner, *NEW)
    assert code == 1
    assert err == (
        "error: wrote positions/tariffs-2025.yaml, but not positions/position.schema.json: "
        "Permission denied; write it with posities schema > positions/position.schema.json\n"
    )
    assert load(empty_register).valid


# --- writers that race ------------------------------------------------------------------------

RACERS = [
    ("--title-nl", "Titel van de race", ("title", "nl")),
    ("--title-en", "Title of the race", ("title", "en")),
    ("--summary-nl", "Nederland racet mee.", ("summary", "nl")),
    ("--summary-en", "The Netherlands races along.", ("summary", "en")),
    ("--actor", "EU", ("actor",)),
    ("--date", "2019-03-04", ("decision", "date")),
    ("--topics", "race,trade", ("topics",)),
    ("--stance", "opposes", ("stance",)),
    ("--goal-shared", "yes", ("goal_shared",)),
    ("--means-differ", "no", ("means_differ",)),
]
RACED = {
    ("title", "nl"): "Titel van de race",
    ("title", "en"): "Title of the race",
    ("summary", "nl"): "Nederland racet mee.",
    ("summary", "en"): "The Netherlands races along.",
    ("actor",): "EU",
    ("decision", "date"): "2019-03-04",
    ("topics",): ["race", "trade"],
    ("stance",): "opposes",
    ("goal_shared",): True,
    ("means_differ",): False,
}


def value_at(value: Any, path: tuple[str, ...]) -> Any:
    """The value at `path` in a parsed file."""
    for part in path:
        value = value[part]
    return value


GATED = """
import os, sys, time
from posities.cli import run
open(sys.argv[1] + "." + str(os.getpid()), "w").close()
while not os.path.exists(sys.argv[1]):
    time.sleep(0.001)
sys.argv = ["posities", *sys.argv[2:]]
run()
"""


def race(gate: Path, commands: list[list[str]]) -> list[tuple[str, str, int]]:
    """Run `posities COMMAND` for every command at once: each process starts, waits at `gate`
    until all are ready, then runs. Each one's stdout, stderr and exit code."""
    import subprocess
    import time

    processes = [
        subprocess.Popen(
            [sys.executable, "-c", GATED, str(gate), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    while len(list(gate.parent.glob(gate.name + ".*"))) < len(processes):
        time.sleep(0.01)
    gate.touch()
    return [(*process.communicate(), process.returncode) for process in processes]


def test_racing_sets_on_one_file_never_lose_a_reported_change(
    empty_register: Path, tmp_path: Path
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    for round_ in range(2):
        path.write_text(minimal(), encoding="utf-8")
        results = race(
            tmp_path / f"gate{round_}",
            [
                ["set", "a-decision", option, value, "--dir", str(empty_register)]
                for option, value, _ in RACERS
            ],
        )
        value = parse(path.read_text(encoding="utf-8")).value
        for (_, _, field), (out, err, code) in zip(RACERS, results, strict=True):
            assert out == ""
            if code == 0:
                assert err.startswith("wrote positions/a-decision.yaml\n"), err
                assert value_at(value, field) == RACED[field], (field, err)
            else:
                assert code == 1
                assert err.startswith("error: "), err
                assert "Traceback" not in err
        assert sorted(p.name for p in empty_register.iterdir()) == ["a-decision.yaml"]


def test_racing_news_of_one_id_make_one_file(empty_register: Path, tmp_path: Path) -> None:
    commands = [
        [*NEW[:3], f"Heffingen {n}", *NEW[4:], "--dir", str(empty_register)] for n in range(8)
    ]
    results = race(tmp_path / "gate", commands)
    winners = [n for n, (_, _, code) in enumerate(results) if code == 0]
    assert len(winners) == 1
    text = (empty_register / "tariffs-2025.yaml").read_text(encoding="utf-8")
    assert f"  nl: Heffingen {winners[0]}\n" in text
    for n, (out, err, code) in enumerate(results):
        if n != winners[0]:
            assert (out, code) == ("", 2)
            assert err == (
                "error: position 'tariffs-2025' exists already (positions/tariffs-2025.yaml)\n"
            )


HOLDER = """
import sys
from pathlib import Path
from posities.core.save import locked
with locked(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_writer_waits_then_says_the_file_is_busy(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    from posities.io import atomic

    path = write(empty_register, "a-decision.yaml", minimal())
    monkeypatch.setattr(atomic, "LOCK_WAIT", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        code, out, err = invoke(runner, "set", "a-decision", "--actor", "EU")
    finally:
        holder.communicate("")
    assert (code, out) == (1, "")
    assert err == (
        "error: positions/a-decision.yaml is being written by another posities process; try again\n"
    )
    assert path.read_text(encoding="utf-8") == minimal()
    assert invoke(runner, "set", "a-decision", "--actor", "EU")[0] == 0
    assert sorted(p.name for p in empty_register.iterdir()) == ["a-decision.yaml"]


def test_a_lock_left_by_a_killed_writer_is_harmless(
    runner: CliRunner, empty_register: Path
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    write(empty_register, ".a-decision.yaml.posities-lock", "")
    assert invoke(runner, "set", "a-decision", "--actor", "EU") == (
        0,
        "",
        "wrote positions/a-decision.yaml\n  actor: US → EU\n",
    )
    assert sorted(p.name for p in empty_register.iterdir()) == ["a-decision.yaml"]
    write(empty_register, ".a-decision.yaml.posities-lock", "")
    code, out, err = invoke(runner, "check")
    assert code == 0
    assert "lock" not in out + err
    assert err.endswith("1 position checked: no problems.\n")
    assert sorted(p.name for p in empty_register.iterdir()) == ["a-decision.yaml"]
    assert "actor: EU" in path.read_text(encoding="utf-8")


IMPATIENT = """
import sys
from posities import cli
from posities.io import atomic
atomic.LOCK_WAIT = 0.2
sys.argv = ["posities", *sys.argv[1:]]
cli.run()
"""


def test_no_writer_comes_between_the_check_and_the_replace(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    path = write(empty_register, "a-decision.yaml", minimal())
    replace = os.replace
    others: list[subprocess.CompletedProcess[str]] = []

    def replace_after_another_writer(source: str, target: str) -> None:
        if not others:  # the file was checked; another posities now tries to write it
            command = ["set", "a-decision", "--actor", "EU", "--dir", str(empty_register)]
            others.append(
                subprocess.run(
                    [sys.executable, "-c", IMPATIENT, *command], capture_output=True, text=True
                )
            )
        replace(source, target)

    monkeypatch.setattr(os, "replace", replace_after_another_writer)
    code, _, err = invoke(runner, "set", "a-decision", "--title-en", "Mine")
    assert (code, err) == (0, "wrote positions/a-decision.yaml\n  title.en: A decision → Mine\n")
    assert (others[0].returncode, others[0].stderr) == (
        1,
        "error: positions/a-decision.yaml is being written by another posities process; "
        "try again\n",
    )
    value = parse(path.read_text(encoding="utf-8")).value
    assert (value["title"]["en"], value["actor"]) == ("Mine", "US")


def test_ctrl_c_while_the_editor_runs_says_where_the_copy_is(
    empty_register: Path, tmp_path: Path
) -> None:
    import subprocess

    path = write(empty_register, "a-decision.yaml", minimal())
    # the editor changes the copy, then the terminal's Ctrl-C reaches posities and the editor
    script = editor(tmp_path, "printf 'stance: opposes\\n' >> \"$1\"; kill -INT 0; sleep 30")
    env = {**os.environ, "EDITOR": script, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "posities", "edit", "a-decision"],
        env=env,
        capture_output=True,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    assert (done.returncode, done.stdout) == (130, "")
    head, _, kept = done.stderr.partition("; your copy is kept at ")
    assert head == "interrupted: positions/a-decision.yaml is unchanged"
    copy = Path(kept.removesuffix("\n"))
    assert copy.parent.parent == tmp_path
    assert copy.read_text(encoding="utf-8").endswith("stance: opposes\n")
    assert path.read_text(encoding="utf-8") == minimal()


def test_ctrl_c_between_rounds_keeps_the_copy_with_its_problems(
    runner: CliRunner, empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = write(empty_register, "a-decision.yaml", minimal())
    calls: list[Path] = []

    def editor_then_ctrl_c(_words: list[str], file: Path) -> int:
        calls.append(file)
        if len(calls) > 1:
            raise KeyboardInterrupt
        file.write_text(minimal().replace("actor: US", "actor: [US"), encoding="utf-8")
        return 0

    monkeypatch.setenv("EDITOR", "vi")
    monkeypatch.setattr(session, "run_editor", editor_then_ctrl_c)
    code, out, err = invoke(runner, "edit", "a-decision")
    assert (code, out) == (130, "")
    assert err == (
        f"interrupted: positions/a-decision.yaml is unchanged; your copy is kept at {calls[0]}\n"
    )
    kept = calls[0].read_text(encoding="utf-8")
    assert kept.startswith("# posities: this version was not saved.")
    assert "actor: [US\n" in kept
    assert path.read_text(encoding="utf-8") == minimal()


def test_ctrl_c_just_after_saving_says_it_was_saved(
    runner: CliRunner, empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = write(empty_register, "a-decision.yaml", minimal())
    real = editing.write_position

    def write_then_ctrl_c(*args: Any) -> None:
        real(*args)
        raise KeyboardInterrupt

    monkeypatch.setenv("EDITOR", editor(tmp_path, "sed -i 's/^actor: US/actor: EU/' \"$1\""))
    monkeypatch.setattr(session, "write_position", write_then_ctrl_c)
    code, _, err = invoke(runner, "edit", "a-decision")
    assert code == 130
    assert err.startswith("interrupted: positions/a-decision.yaml was saved; your copy is kept at ")
    assert path.read_text(encoding="utf-8") == minimal().replace("actor: US", "actor: EU")


# --- every write verifies its quotes ----------------------------------------------------------


INVENTED = "Nederland steunt de opzegging van het JCPOA volledig."
NOT_FOUND = (
    "sources[4].quote is not found verbatim in 'texts/bondgenoten-in-onzekere-tijden.txt' "
    "(whitespace, line-break hyphens and quote marks aside); closest, at line 48: "
    "'het klimaatakkoord; de eenzijdige opzegging van het JCPOA; het'; differs: "
    '"Nederland steunt" → "het klimaatakkoord;", missing: "eenzijdige", '
    '"JCPOA volledig." → "JCPOA; het"; copy it exactly from the text (posities quote find)'
)


def test_add_source_refuses_an_invented_quote(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, out, err = invoke(
        runner,
        "add-source",
        "jcpoa",
        *SOURCE,
        "--text",
        LETTER,
        "--supports",
        "stance",
        "--quote",
        INVENTED,
    )
    assert (code, out) == (1, "")
    assert err == (
        "error: the change would leave positions/jcpoa.yaml invalid (1 problem); nothing was "
        f"written\n  positions/jcpoa.yaml:72:12: {NOT_FOUND}\n"
    )
    assert path.read_bytes() == before


def test_add_source_refuses_a_quote_cut_mid_word(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    quote = "stabiliserende rol van Iran in de regio"  # the text says destabiliserende
    code, out, err = invoke(
        runner,
        "add-source",
        "jcpoa",
        *SOURCE,
        "--text",
        LETTER,
        "--supports",
        "stance",
        "--quote",
        quote,
    )
    assert (code, out) == (1, "")
    assert err == (
        "error: the change would leave positions/jcpoa.yaml invalid (1 problem); nothing was "
        "written\n  positions/jcpoa.yaml:72:12: sources[4].quote is found in "
        "'texts/bondgenoten-in-onzekere-tijden.txt' only inside longer words (a quote starts "
        "and ends on whole words); closest, at line 56: 'destabiliserende rol van Iran in de "
        'regio,\'; differs: "stabiliserende" → "destabiliserende", "regio" → "regio,"; '
        "copy it exactly from the text (posities quote find)\n"
    )
    assert path.read_bytes() == before
    code, _, _ = invoke(
        runner,
        "add-source",
        "jcpoa",
        *SOURCE,
        "--text",
        LETTER,
        "--supports",
        "stance",
        "--quote",
        f"de{quote}",
    )
    assert code == 0


def test_add_source_refuses_a_quote_with_no_words(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, out, err = invoke(
        runner, "add-source", "jcpoa", *SOURCE, "--text", LETTER, "--quote", ";"
    )
    assert (code, out) == (1, "")
    assert err == (
        "error: the change would leave positions/jcpoa.yaml invalid (1 problem); nothing was "
        "written\n  positions/jcpoa.yaml:71:12: sources[4].quote has no words: copy a sentence "
        "or phrase of the text\n"
    )
    assert path.read_bytes() == before


def test_add_source_refuses_a_text_outside_the_register(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, _, err = invoke(
        runner, "add-source", "jcpoa", *SOURCE, "--text", "../README.md", "--quote", "posities"
    )
    assert (code, err) == (
        2,
        "error: --text '../README.md': leads out of the register folder (..)\n",
    )
    assert path.read_bytes() == before


def test_set_refuses_to_write_a_file_whose_quote_is_not_in_its_text(
    runner: CliRunner, bundled: Path
) -> None:
    text = bundled / LETTER
    text.write_text(text.read_text(encoding="utf-8").replace("kritisch", "positief"))
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, _, err = invoke(runner, "set", "jcpoa", "--means-differ", "unknown")
    assert code == 1
    assert "positions/jcpoa.yaml:34:12: sources[0].quote is not found verbatim in " in err
    assert 'differs: "kritisch" → "positief"' in err
    assert path.read_bytes() == before


def test_new_refuses_an_invented_quote(runner: CliRunner, bundled: Path) -> None:
    args = [
        "new",
        "invented",
        "--title-nl",
        "Iets",
        "--title-en",
        "Something",
        "--actor",
        "US",
        "--date",
        "2018-05-08",
        "--stance",
        "critical",
        "--description-nl",
        "Iets.",
        "--description-en",
        "Something.",
        "--summary-nl",
        "Iets.",
        "--summary-en",
        "Something.",
        "--source-title",
        "Bondgenoten in onzekere tijden",
        "--source-text",
        LETTER,
        "--quote",
    ]
    code, out, err = invoke(runner, *args, INVENTED)
    assert (code, out) == (1, "")
    assert "positions/invented.yaml:27:12: sources[0].quote is not found verbatim" in err
    assert not (bundled / "invented.yaml").exists()
    quote = "Recent kwam daar de Amerikaanse terugtrekking uit de Mensenrechtenraad bij."
    assert invoke(runner, *args, quote)[:2] == (0, "positions/invented.yaml\n")


def test_edit_reopens_a_version_whose_quote_is_invented(
    runner: CliRunner, bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.yaml"
    script = tmp_path / "editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f"if [ -e {seen} ]; then exit 0; fi\n"  # the second time: quit without saving
        "sed -i 's/kritisch bezien/volledig steunen/' \"$1\"\n"
        f'cp "$1" {seen}\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, _, err = invoke(runner, "edit", "jcpoa")
    assert code == 1
    assert err.startswith("gave up: positions/jcpoa.yaml is unchanged; your version is kept at ")
    assert path.read_bytes() == before


def test_edit_lists_the_quote_problem_in_the_reopened_copy(
    runner: CliRunner, bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.yaml"
    script = tmp_path / "editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ -e {seen} ]; then cp "$1" {seen}.2; exit 0; fi\n'
        "sed -i 's/kritisch bezien/volledig steunen/' \"$1\"\n"
        f'cp "$1" {seen}\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    invoke(runner, "edit", "jcpoa")
    notes = Path(f"{seen}.2").read_text(encoding="utf-8").splitlines()
    assert notes[1].startswith(
        "# posities: line 34, column 12: sources[0].quote is not found verbatim in "
    )
    assert 'differs: "volledig steunen." → "kritisch bezien."' in notes[1]


# --- add-source --find ------------------------------------------------------------------------


def test_add_source_find_takes_the_best_passage(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(
        runner,
        "add-source",
        "jcpoa",
        *SOURCE,
        "--supports",
        "summary",
        "--find",
        "zorgelijke trend minder multilateraal",
    )
    quote = (
        "Deze stappen passen in een zorgelijke trend waarin de Amerikaanse administratie een "
        "minder multilaterale koers vaart."
    )
    assert code == 0
    assert err == (
        "wrote positions/jcpoa.yaml: added a source (Bondgenoten in onzekere tijden)\n"
        f"  quote from positions/{LETTER}:53: '{quote}'\n"
    )
    text = (bundled / "jcpoa.yaml").read_text(encoding="utf-8")
    assert (
        f"    text: {LETTER}\n"
        "    supports: [summary]\n"
        "    quote: >-\n"
        "      Deze stappen passen in een zorgelijke trend waarin de Amerikaanse administratie"
        " een\n      minder multilaterale koers vaart.\n"
        "updated: 2026-11-27\nstances:\n"
    ) in text  # the top-level sources, before the other holders' statements


def test_add_source_find_refuses_two_equally_close_passages(
    runner: CliRunner, bundled: Path
) -> None:
    before = (bundled / "jcpoa.yaml").read_bytes()
    code, _, err = invoke(runner, "add-source", "jcpoa", *SOURCE, "--find", "Mensenrechtenraad")
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == (
        "error: 2 passages are about equally close to 'Mensenrechtenraad'; give more of its "
        "words, narrow the search with --source-text, or copy one with --quote"
    )
    assert lines[1].startswith(f"  positions/{LETTER}:52:1: score 0.80: Recent kwam daar")
    assert lines[2].startswith(f"  positions/{LETTER}:54:1: score 0.76: In een aantal")
    assert (bundled / "jcpoa.yaml").read_bytes() == before


def test_add_source_find_refuses_when_nothing_is_close(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(runner, "add-source", "jcpoa", *SOURCE, "--find", "xyzzy")
    assert code == 1
    assert err == (
        "error: no passage is close enough to 'xyzzy' (a score of 0.5 is needed); give more of "
        "its words, or copy one with --quote from posities quote find\n"
    )


def test_add_source_needs_quote_or_find(runner: CliRunner, bundled: Path) -> None:
    for extra in ([], ["--quote", "a", "--find", "b"]):
        code, _, err = invoke(runner, "add-source", "jcpoa", *SOURCE, *extra)
        assert code == 2
        assert "give the quote with --quote TEXT, or find it" in err


def test_the_readme_shows_the_real_refusal(runner: CliRunner, bundled: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Quoting exactly", 1)[1]
    command = section.split("```sh\n", 1)[1].split("```", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    args = shlex.split(command.replace("\\\n", " "))
    assert args[0] == "posities"
    code, out, err = invoke(runner, *args[1:])
    assert (code, out, err) == (1, "", shown)


def test_add_source_find_in_one_text(runner: CliRunner, bundled: Path) -> None:
    write(bundled, "texts/other.txt", "Over de Mensenrechtenraad.\nDe raad moet beter.\n")
    code, _, err = invoke(
        runner,
        "add-source",
        "human-rights-council",
        *SOURCE,
        "--find",
        "Mensenrechtenraad",
        "--text",
        "positions/texts/other.txt",
    )
    assert (code, err) == (
        0,
        "wrote positions/human-rights-council.yaml: added a source (Bondgenoten in onzekere "
        "tijden)\n  quote from positions/texts/other.txt:1: 'Over de Mensenrechtenraad.'\n",
    )
    text = (bundled / "human-rights-council.yaml").read_text(encoding="utf-8")
    assert "    text: texts/other.txt\n    quote: Over de Mensenrechtenraad.\n" in text


def test_add_source_find_takes_a_passage_with_invisible_marks(
    runner: CliRunner, bundled: Path
) -> None:
    write(bundled, "texts/rtl.txt", RIGHT_TO_LEFT)
    code, _, err = invoke(
        runner,
        "add-source",
        "jcpoa",
        *SOURCE,
        "--find",
        "zin met rlm iso",
        "--text",
        "texts/rtl.txt",
    )
    assert (code, err) == (
        0,
        "wrote positions/jcpoa.yaml: added a source (Bondgenoten in onzekere tijden)\n"
        "  quote from positions/texts/rtl.txt:1: 'Een zin met rlm iso enwoord.'\n",
    )
    assert invoke(runner, "check") == (0, "", "5 positions checked: no problems.\n")


# --- Dutch values -----------------------------------------------------------------------------


def test_set_takes_dutch_values(runner: CliRunner, bundled: Path) -> None:
    code, _, err = invoke(
        runner, "set", "paris-agreement", "--stance", "wijst af", "--updated", "2026-11-28"
    )
    assert code == 0, err
    assert "stance: critical → opposes" in err
    code, _, err = invoke(runner, "set", "jcpoa", "--goal-shared", "niet vermeld")
    assert code == 0, err
    assert "goal_shared: yes → not stated" in err
    assert "goal_shared: null" in (bundled / "jcpoa.yaml").read_text(encoding="utf-8")


def test_new_help_names_the_dutch_words(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = invoke(runner, "new", "--help")
    assert code == 0
    assert "kritisch" in out


# --- names that reach the file system ---------------------------------------------------------


LONG = "a" * 300
SHOWN = "'" + "a" * 60 + "…'"
TOO_LONG = (
    f"error: {SHOWN} is not a position id: it is 300 characters long, and an id has at most 64\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["set", LONG, "--stance", "critical"],
        ["add-source", LONG, "--title", "T", "--kind", "kamerbrief", "--quote", "Q"],
        ["edit", LONG],
        ["new", LONG, *NEW[2:]],
    ],
    ids=lambda args: args[0],
)
def test_a_long_id_on_the_command_line_is_a_usage_error(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    assert invoke(runner, *args) == (2, "", TOO_LONG)
    assert list(empty_register.iterdir()) == []


def test_an_id_of_the_longest_length_can_be_created(
    runner: CliRunner, empty_register: Path
) -> None:
    ident = "a" * MAX_ID_LENGTH
    code, out, _ = invoke(runner, "new", ident, *NEW[2:])
    assert (code, out) == (0, f"positions/{ident}.yaml\n")
    assert invoke(runner, "set", ident, "--stance", "opposes")[0] == 0
    assert invoke(runner, "check")[0] == 0


def test_a_source_text_no_file_system_can_hold_is_a_located_problem(
    runner: CliRunner, empty_register: Path
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    (empty_register / "texts").mkdir()
    code, _, err = invoke(
        runner, "add-source", "a-decision", "--title", "T", "--kind", "kamerbrief",
        "--quote", "Q", "--text", f"texts/{LONG}",
    )  # fmt: skip
    assert (code, err) == (
        2,
        f"error: --text 'texts/{'a' * 194}…': cannot read: File name too long\n",
    )
    assert path.read_text(encoding="utf-8") == minimal()
    hand_made = minimal().replace("    quote:", f"    text: texts/{LONG}\n    quote:")
    write(empty_register, "a-decision.yaml", hand_made)
    code, out, _ = invoke(runner, "check")
    assert code == 1
    assert out == (
        f"positions/a-decision.yaml:22:11: sources[0].text 'texts/{'a' * 194}…': "
        "cannot read: File name too long\n"
    )


# --- edit: the copy is never read or written through a link ---------------------------------

LINK = "is not a regular file (a symbolic link)"
SWAPS = {
    "a link to another file": ('rm -f "$1"; ln -s {victim} "$1"', LINK),
    "a link to a valid version": ('rm -f "$1"; ln -s {valid} "$1"', LINK),
    "a folder": ('rm -f "$1"; mkdir "$1"', "is not a regular file (a folder)"),
    "a named pipe": ('rm -f "$1"; mkfifo "$1"', "is not a regular file (a named pipe)"),
    "nothing": ('rm -f "$1"', "is gone"),
}


@pytest.mark.parametrize("swap", SWAPS)
def test_an_editor_that_swaps_the_copy_ends_the_session(
    runner: CliRunner,
    empty_register: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    swap: str,
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = write(empty_register, "a-decision.yaml", minimal())
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n", encoding="utf-8")
    valid = tmp_path / "valid.yaml"
    valid.write_text(minimal(stance="opposes"), encoding="utf-8")
    step, what = SWAPS[swap]
    monkeypatch.setenv("EDITOR", editor(tmp_path, step.format(victim=victim, valid=valid)))
    code, out, err = invoke(runner, "edit", "a-decision")
    (folder,) = tmp_path.glob("posities-edit-*")
    copy = folder / "a-decision.yaml"
    assert (code, out, err) == (
        1,
        "",
        f"the edited copy at {copy} {what}; positions/a-decision.yaml is unchanged\n",
    )
    assert victim.read_text(encoding="utf-8") == "not yours\n"
    assert valid.read_text(encoding="utf-8") == minimal(stance="opposes")
    assert path.read_text(encoding="utf-8") == minimal()


def test_a_failed_editor_that_removed_the_copy_says_no_copy_is_kept(
    runner: CliRunner, empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(empty_register, "a-decision.yaml", minimal())
    monkeypatch.setenv("EDITOR", editor(tmp_path, 'rm -f "$1"; exit 3'))
    assert invoke(runner, "edit", "a-decision") == (
        1,
        "",
        "the editor exited with status 3; positions/a-decision.yaml is unchanged\n",
    )


def test_the_problems_replace_a_link_the_editor_left_and_never_go_through_it(
    runner: CliRunner, empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor that links the copy after it is read: the next version (with the problems at
    the top) replaces the link instead of being written into what it points to."""
    from posities.core import session

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = write(empty_register, "a-decision.yaml", minimal())
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n", encoding="utf-8")
    seen: list[str] = []
    real_check = session.check_text

    def link_after_reading(text: str, stem: str, label: str) -> list[session.Problem]:
        (copy,) = tmp_path.glob("posities-edit-*/a-decision.yaml")
        copy.unlink()
        copy.symlink_to(victim)
        return real_check(text, stem, label)

    def an_editor(_words: list[str], file: Path) -> int:
        if not seen:
            file.write_text(minimal() + "stance: opposes\n", encoding="utf-8")
        seen.append(file.read_text(encoding="utf-8"))
        return 0

    monkeypatch.setenv("EDITOR", "vi")
    monkeypatch.setattr(session, "check_text", link_after_reading)
    monkeypatch.setattr(session, "run_editor", an_editor)
    code, _, err = invoke(runner, "edit", "a-decision")
    assert code == 1
    assert err.startswith("gave up: positions/a-decision.yaml is unchanged; ")
    assert seen[1].startswith("# posities: this version was not saved.")
    assert victim.read_text(encoding="utf-8") == "not yours\n"
    assert path.read_text(encoding="utf-8") == minimal()


# --- edit: signals while the editor runs --------------------------------------------------------


def start_edit(tmp_path: Path, script: str) -> subprocess.Popen[str]:
    """`posities edit a-decision` as a real process in its own process group (as a terminal
    starts a command), with `script` as its editor and its copy under `tmp_path`."""
    env = {**os.environ, "EDITOR": script, "TMPDIR": str(tmp_path)}
    return subprocess.Popen(
        [sys.executable, "-m", "posities", "edit", "a-decision"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for(path: Path) -> str:
    """The text of `path` once a process has made it (failing after a generous wait)."""
    import time

    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} was never made"
        time.sleep(0.02)
    return path.read_text(encoding="utf-8")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def kept_copy(stderr: str, head: str, tmp_path: Path) -> Path:
    """The copy a message `HEAD; your copy is kept at PATH` names, checked to be under tmp."""
    said, _, kept = stderr.partition("; your copy is kept at ")
    assert said == head
    copy = Path(kept.removesuffix("\n"))
    assert copy.parent.parent == tmp_path
    return copy


def test_sigterm_ends_the_editor_and_says_where_the_copy_is(
    empty_register: Path, tmp_path: Path
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    started = tmp_path / "started"
    script = editor(
        tmp_path,
        f"printf 'stance: opposes\\n' >> \"$1\"; echo $$ > {started}.new; mv {started}.new "
        f"{started}; exec sleep 60",
    )
    process = start_edit(tmp_path, script)
    pid = int(wait_for(started))
    try:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
        assert not alive(pid)  # passed on to the editor, which was waited for
    finally:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    assert (process.returncode, out) == (143, "")
    copy = kept_copy(err, "terminated: positions/a-decision.yaml is unchanged", tmp_path)
    assert copy.read_text(encoding="utf-8").endswith("stance: opposes\n")
    assert path.read_text(encoding="utf-8") == minimal()


def test_ctrl_c_waits_for_an_editor_that_ignores_it(empty_register: Path, tmp_path: Path) -> None:
    """The editor ignores Ctrl-C, goes on and changes the copy: the report comes when it ends,
    so the copy it names holds the change."""
    path = write(empty_register, "a-decision.yaml", minimal())
    script = editor(
        tmp_path, "trap '' INT; kill -INT 0; sleep 1; printf 'stance: opposes\\n' >> \"$1\""
    )
    process = start_edit(tmp_path, script)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out) == (130, "")
    copy = kept_copy(err, "interrupted: positions/a-decision.yaml is unchanged", tmp_path)
    assert copy.read_text(encoding="utf-8").endswith("stance: opposes\n")
    assert path.read_text(encoding="utf-8") == minimal()


def test_ctrl_c_sent_to_posities_alone_reaches_the_editor(
    empty_register: Path, tmp_path: Path
) -> None:
    """Ctrl-C sent to posities alone (kill -INT) is passed on; posities runs until the editor,
    which goes on after it, ends."""
    write(empty_register, "a-decision.yaml", minimal())
    started, got, release = tmp_path / "started", tmp_path / "got", tmp_path / "release"
    script = editor(
        tmp_path,
        f"trap 'touch {got}' INT; touch {started}; "
        f"while [ ! -e {release} ]; do sleep 0.02; done; printf 'stance: opposes\\n' >> \"$1\"",
    )
    process = start_edit(tmp_path, script)
    wait_for(started)
    process.send_signal(signal.SIGINT)
    try:
        wait_for(got)
        assert process.poll() is None  # the editor still runs: nothing is reported yet
    finally:
        release.touch()
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out) == (130, "")
    copy = kept_copy(err, "interrupted: positions/a-decision.yaml is unchanged", tmp_path)
    assert copy.read_text(encoding="utf-8").endswith("stance: opposes\n")


# --- arguments that are not UTF-8 -------------------------------------------------------------

ADD_TO_A_DECISION = [
    "add-source",
    "a-decision",
    "--source-title",
    "T",
    "--source-kind",
    "brief",
    "--quote",
    "Q",
]
NOT_UTF8 = [
    (["set", "a-decision", "--actor", "\udc85"], "--actor 0x85"),
    (["set", "a-decision", "--summary-en", "ok \udcff"], "--summary-en 0xff"),
    (["set", "a-decision", "--topics", "trade,\udc85"], "--topics 0x85"),
    (["set", "a-decision", "--date", "\udc85"], "--date 0x85"),
    ([*ADD_TO_A_DECISION[:3], "\udc85", *ADD_TO_A_DECISION[4:]], "--source-title 0x85"),
    ([*ADD_TO_A_DECISION[:-1], "Q \udce9"], "--quote 0xe9"),
    ([*ADD_TO_A_DECISION, "--source-text", "texts/\udce9.txt"], "--source-text 0xe9"),
    ([*ADD_TO_A_DECISION, "--supports", "summary", "--supports", "\udc85"], "--supports 0x85"),
    (["add-source", "a-decision", "--title", "\udc85", *ADD_TO_A_DECISION[4:]], "--title 0x85"),
    ([*NEW[:3], "\udc85", *NEW[4:]], "--title-nl 0x85"),
    ([*NEW, "--source-kind", "\udc85"], "--source-kind 0x85"),
]


@pytest.mark.parametrize(("args", "where"), NOT_UTF8)
def test_a_value_that_is_not_utf8_is_a_usage_error(
    runner: CliRunner, empty_register: Path, args: list[str], where: str
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    code, out, err = invoke(runner, *args)
    option, byte = where.split()
    assert (code, out) == (2, "")
    assert err == f"error: {option}: not valid UTF-8 text (the byte {byte}); give it as UTF-8\n"
    assert path.read_text(encoding="utf-8") == minimal()
    assert sorted(p.name for p in empty_register.iterdir()) == ["a-decision.yaml"]


def test_a_byte_that_is_not_utf8_on_a_real_command_line(empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    done = subprocess.run(
        [sys.executable, "-m", "posities", "set", "a-decision", "--actor", b"\x85"],
        capture_output=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert (
        done.stderr == b"error: --actor: not valid UTF-8 text (the byte 0x85); give it as UTF-8\n"
    )
    assert path.read_text(encoding="utf-8") == minimal()


# --- dates of a year or a month -----------------------------------------------------------------


def schema_errors(text: str) -> list[str]:
    """What the JSON Schema that editors use says of a position file's text."""
    import jsonschema

    from posities.model.schema import json_schema

    validator = jsonschema.Draft202012Validator(json_schema())
    return [error.message for error in validator.iter_errors(parse(text).value)]


@pytest.mark.parametrize(
    ("given", "written"), [("2025", '"2025"'), ("2025-03", "2025-03"), ("2025-03-04", "2025-03-04")]
)
def test_set_writes_a_partial_date_that_every_reader_takes_as_a_date(
    runner: CliRunner, empty_register: Path, given: str, written: str
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    assert invoke(runner, "set", "a-decision", "--date", given) == (
        0,
        "",
        f"wrote positions/a-decision.yaml\n  decision.date: 2019-01-02 → {given}\n",
    )
    text = path.read_text(encoding="utf-8")
    assert changed_lines(minimal(), text) == ["-  date: 2019-01-02", f"+  date: {written}"]
    assert load(empty_register).valid
    assert schema_errors(text) == []


def test_add_source_writes_a_year_as_its_date(runner: CliRunner, empty_register: Path) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    code, _, err = invoke(runner, *ADD_TO_A_DECISION, "--source-date", "2025")
    assert (code, err) == (0, "wrote positions/a-decision.yaml: added a source (T)\n")
    text = path.read_text(encoding="utf-8")
    assert text.endswith('    date: "2025"\n    quote: Q\nupdated: 2020-01-01\n')
    assert load(empty_register).valid
    assert schema_errors(text) == []


def test_new_writes_a_year_as_set_does(runner: CliRunner, empty_register: Path) -> None:
    args = [*NEW[:9], "2025", *NEW[10:], "--source-date", "2024-11"]
    assert invoke(runner, *args) == (
        0,
        "positions/tariffs-2025.yaml\n",
        "wrote positions/position.schema.json (the schema the new file points to)\n",
    )
    text = (empty_register / "tariffs-2025.yaml").read_text(encoding="utf-8")
    assert '  date: "2025"  # YYYY-MM-DD; YYYY-MM or YYYY where only that is known\n' in text
    assert "    date: 2024-11  # YYYY-MM-DD, or null if unknown\n" in text
    assert schema_errors(text) == []
    code, _, err = invoke(runner, "set", "tariffs-2025", "--date", "2025")
    assert (code, err) == (0, "tariffs-2025: nothing changed; the file is as it was\n")


def test_a_year_written_as_a_number_is_the_same_date(
    runner: CliRunner, empty_register: Path
) -> None:
    """An unquoted year (as new wrote it once) reads as a number; check takes it as that year,
    and so does set."""
    text = minimal().replace("date: 2019-01-02", "date: 2019")
    path = write(empty_register, "a-decision.yaml", text)
    code, _, err = invoke(runner, "set", "a-decision", "--date", "2019")
    assert (code, err) == (0, "a-decision: nothing changed; the file is as it was\n")
    assert path.read_text(encoding="utf-8") == text
    assert invoke(runner, "set", "a-decision", "--date", "2020")[0] == 0
    assert changed_lines(text, path.read_text(encoding="utf-8")) == [
        "-  date: 2019",
        '+  date: "2020"',
    ]


# --- messages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["set", "edit", "add-source", "new"])
def test_a_broken_link_is_called_one(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    (empty_register / "dangle.yaml").symlink_to("nowhere.yaml")
    (empty_register / "loop.yaml").symlink_to("loop.yaml")
    args = {
        "set": ["--actor", "EU"],
        "edit": [],
        "add-source": ADD_TO_A_DECISION[2:],
        "new": NEW[2:],
    }[command]
    assert invoke(runner, command, "dangle", *args) == (
        1,
        "",
        "error: positions/dangle.yaml is a broken symbolic link: it points to 'nowhere.yaml', "
        "which does not exist; fix the link or remove it\n",
    )
    assert invoke(runner, command, "loop", *args) == (
        1,
        "",
        "error: positions/loop.yaml is a broken symbolic link: it leads round in a loop; "
        "fix the link or remove it\n",
    )


TEXT = "texts/brief.txt"


@pytest.fixture
def with_text(empty_register: Path) -> Path:
    (empty_register / "texts").mkdir()
    write(empty_register, TEXT, "Wij vinden er iets van. De VS gaan hun eigen weg.\n")
    return write(empty_register, "a-decision.yaml", minimal())


@pytest.mark.parametrize("option", ["--source-text", "--text"])
@pytest.mark.parametrize("how", [["--find", "eigen weg"], ["--quote", "De VS gaan hun eigen weg."]])
def test_a_source_text_that_cannot_be_used_is_named_as_it_was_given(
    runner: CliRunner, with_text: Path, option: str, how: list[str]
) -> None:
    args = ["add-source", "a-decision", "--source-title", "T", "--source-kind", "brief", *how]
    assert invoke(runner, *args, option, "texts/missing.txt") == (
        2,
        "",
        f"error: {option} 'texts/missing.txt': no such file (the path is relative to the "
        "register folder)\n",
    )
    assert invoke(runner, *args, option, "../brief.txt") == (
        2,
        "",
        f"error: {option} '../brief.txt': leads out of the register folder (..)\n",
    )
    assert with_text.read_text(encoding="utf-8") == minimal()
    code, _, err = invoke(runner, *args, option, f"positions/{TEXT}")  # as quote find prints it
    assert (code, err.splitlines()[0]) == (0, "wrote positions/a-decision.yaml: added a source (T)")
    assert f"    text: {TEXT}\n" in with_text.read_text(encoding="utf-8")


def test_a_mistyped_option_is_never_told_an_old_spelling(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "add-source", "a-decision", "--tit", "x")
    assert code == 2
    assert "No such option: --tit (Possible options: --dir, --source-text, --source-title)" in err
    code, _, err = invoke(runner, "add-source", "a-decision", "--kinds", "x")
    assert code == 2
    assert "No such option: --kinds (Possible options: --find, --source-kind)" in err


@pytest.mark.parametrize("phrase", ["", "  "])
def test_find_needs_a_phrase(runner: CliRunner, with_text: Path, phrase: str) -> None:
    code, out, err = invoke(runner, *ADD_TO_A_DECISION[:-2], "--find", phrase)
    assert (code, out) == (2, "")
    assert "Invalid value for '--find': give some words of the passage to quote" in err
    assert with_text.read_text(encoding="utf-8") == minimal()


# --- a standard error that cannot be written ----------------------------------------------------


def run_without_stderr(how: str, args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run `posities ARGS` with a standard error that is closed or full; its exit code and
    standard output."""
    if how == "closed":
        done = subprocess.run(
            [sys.executable, "-m", "posities", *args],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
            preexec_fn=lambda: os.close(2),
        )
    else:
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "posities", *args],
                stdout=subprocess.PIPE,
                stderr=full,
                text=True,
                env={**os.environ, **env},
            )
    return done.returncode, done.stdout


ENCODINGS = {"UTF-8": {}, "ASCII": {"PYTHONIOENCODING": "ascii"}}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("how", ["closed", "full"])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_write_that_succeeded_exits_0_whatever_stderr_is(
    empty_register: Path, how: str, encoding: str
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    env = ENCODINGS[encoding]
    assert run_without_stderr(how, ["set", "a-decision", "--actor", "EU"], env) == (0, "")
    assert changed_lines(minimal(), path.read_text(encoding="utf-8")) == [
        "-actor: US",
        "+actor: EU",
    ]
    assert run_without_stderr(
        how, [*ADD_TO_A_DECISION[:2], "--source-title", "T", *ADD_TO_A_DECISION[4:]], env
    ) == (0, "")
    assert path.read_text(encoding="utf-8").count("  - title: ") == 2
    assert run_without_stderr(how, [*NEW, "--source-kind", "brief"], env) == (
        0,
        "positions/tariffs-2025.yaml\n",
    )
    assert run_without_stderr(how, ["set", "no-such-id", "--actor", "EU"], env) == (2, "")
    assert run_without_stderr(how, ["set", "a-decision", "--date", "1 May"], env) == (1, "")


# --- holders, dated statements and relations --------------------------------------------------

EU_STATEMENT = """\
stances:
  - holder: EU
    stance: critical
    goal_shared: null
    means_differ: null
    since: 2017-06-01
    sources:
      - title: Bondgenoten in onzekere tijden
        kind: kamerbrief
        date: null
        text: texts/bondgenoten-in-onzekere-tijden.txt
        supports: [stance]
        quote: >-
          De Amerikaanse terugtrekking uit het klimaatakkoord; de eenzijdige opzegging van
          het JCPOA; het besluit om de Amerikaanse ambassade naar Jeruzalem te verplaatsen
          en de instelling van invoerheffingen op aluminium en staal zijn besluiten die
          Nederland en andere belangrijke partners kritisch bezien.
    updated: {today}
"""
PARTNERS = [
    "--source-title",
    "Bondgenoten in onzekere tijden",
    "--find",
    "andere belangrijke partners kritisch bezien",
    "--supports",
    "stance",
]


def record_eu(runner: CliRunner, *more: str) -> tuple[int, str, str]:
    """`set paris-agreement --holder EU --since 2017-06-01 --stance critical`, the quote
    found in the letter."""
    return invoke(
        runner,
        "set",
        "paris-agreement",
        "--holder",
        "eu",
        "--since",
        "2017-06-01",
        "--stance",
        "kritisch",
        *PARTNERS,
        *more,
    )


def test_set_since_records_a_new_statement_with_its_source(
    runner: CliRunner, bundled: Path
) -> None:
    path = bundled / "paris-agreement.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = record_eu(runner)
    assert (code, out) == (0, "")
    assert err == (
        "wrote positions/paris-agreement.yaml: added EU's statement from 2017-06-01 "
        "(stances[0])\n"
        "  from 2017-06-01 in force: this statement (critical), where EU's stance was not "
        "stated\n"
        "  quote from positions/texts/bondgenoten-in-onzekere-tijden.txt:48: 'De Amerikaanse "
        "terugtrekking uit het klimaatakkoord; de eenzijdige opzegging van het JCPOA; het "
        "besluit om de Amerikaanse ambassade naar Jeruzalem te verplaatsen en de instelling "
        "van invoerheffingen op aluminium en staal zijn besluiten die Nederland en andere "
        "belangrijke partners kritisch bezien.'\n"
    )
    assert path.read_text(encoding="utf-8") == before + EU_STATEMENT.format(today=TODAY)
    assert invoke(runner, "check")[0] == 0
    assert invoke(runner, "fmt", "--check")[0] == 0
    code, out, _ = invoke(runner, "list", "--holder", "EU", "--format", "csv")
    assert "paris-agreement" in out


def test_set_holder_changes_its_statement_and_add_source_adds_to_it(
    runner: CliRunner, bundled: Path
) -> None:
    path = bundled / "paris-agreement.yaml"
    record_eu(runner)
    recorded = path.read_text(encoding="utf-8")
    code, out, err = invoke(
        runner, "set", "paris-agreement", "--holder", "EU", "--stance", "opposes"
    )
    assert (code, out, err) == (
        0,
        "",
        "wrote positions/paris-agreement.yaml: EU's statement from 2017-06-01 (stances[0])\n"
        "  stances[0].stance: critical → opposes\n",
    )
    assert changed_lines(recorded, path.read_text(encoding="utf-8")) == [
        "-    stance: critical",
        "+    stance: opposes",
    ]
    code, out, err = invoke(
        runner,
        "add-source",
        "paris-agreement",
        "--holder",
        "EU",
        "--on",
        "2018-01-01",
        "--source-title",
        "Verslag",
        "--source-kind",
        "verslag",
        "--quote",
        "Wij delen het doel.",
        "--supports",
        "goal_shared",
        "--goal-shared",
        "yes",
    )
    assert (code, out) == (0, "")
    assert err == (
        "wrote positions/paris-agreement.yaml: added a source (Verslag) to EU's statement "
        "from 2017-06-01 (stances[0])\n"
        "  stances[0].goal_shared: not stated → yes\n"
    )
    value = parse(path.read_text(encoding="utf-8")).value
    assert value["stances"][0]["goal_shared"] is True
    assert value["stances"][0]["sources"][-1]["quote"] == "Wij delen het doel."
    assert value["goal_shared"] is None  # the own holder's statement is as it was
    assert invoke(runner, "check")[0] == 0


def test_set_holder_without_a_statement_says_how_to_record_one(
    runner: CliRunner, bundled: Path
) -> None:
    path = bundled / "paris-agreement.yaml"
    before = path.read_bytes()
    code, out, err = invoke(runner, "set", "paris-agreement", "--holder", "EU", "--stance", "x")
    assert code == 2
    code, out, err = invoke(
        runner, "set", "paris-agreement", "--holder", "EU", "--stance", "opposes"
    )
    assert (code, out) == (2, "")
    assert err == (
        f"error: positions/paris-agreement.yaml: EU has no statement in force on {TODAY}; to "
        "record one, use posities set paris-agreement --holder EU --since DATE --stance "
        "STANCE with its source (--source-title, and --quote or --find)\n"
    )
    assert path.read_bytes() == before


def test_set_until_ends_a_statement_and_says_what_holds_after(
    runner: CliRunner, bundled: Path
) -> None:
    path = bundled / "paris-agreement.yaml"
    before = path.read_text(encoding="utf-8")
    assert invoke(runner, "set", "paris-agreement", "--until", "2021-01-20") == (
        0,
        "",
        "wrote positions/paris-agreement.yaml: NL's statement from 2017-06-01 ends on "
        "2021-01-20\n"
        "  until: — → 2021-01-20\n"
        "  from 2021-01-20 in force: none; NL's stance is not stated\n",
    )
    assert changed_lines(before, path.read_text(encoding="utf-8")) == ["+until: 2021-01-20"]
    assert "means_differ: null  # the letter does not say\nuntil: 2021-01-20\n" in (
        path.read_text(encoding="utf-8")
    )
    code, out, _ = invoke(runner, "list", "--format", "csv", "--on", "2021-01-20")
    assert code == 0
    assert "paris-agreement" in out


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            ["--on", "2018-01-01", "--until", "2019-01-01"],
            "--on picks the statement in force that day to change; --since and --until name "
            "their own day: give --on without them",
        ),
        (
            ["--stance", "opposes", "--source-title", "T", "--source-kind", "verslag"],
            "a source goes with --since, which records a new statement; to add a source to a "
            "statement, use posities add-source",
        ),
        (
            ["--until", "2019-01-01", "--stance", "opposes"],
            "--until ends a statement: change its fields in another posities set",
        ),
        (["--since", "2019-02-30", "--stance", "opposes"], "'2019-02-30' is not a day"),
        (["--holder", "E_U", "--stance", "opposes"], "'E_U' is not a holder code"),
    ],
)
def test_set_refuses_options_that_do_not_go_together(
    runner: CliRunner, bundled: Path, given: list[str], message: str
) -> None:
    before = (bundled / "paris-agreement.yaml").read_bytes()
    code, out, err = invoke(runner, "set", "paris-agreement", *given)
    assert (code, out) == (2, "")
    assert message in " ".join(err.replace("│", "").split())
    assert (bundled / "paris-agreement.yaml").read_bytes() == before


def test_a_holder_must_be_declared_where_holders_are(runner: CliRunner, bundled: Path) -> None:
    write(
        bundled,
        "posities.toml",
        'holder = "NL"\n[holders]\nNL = {nl = "Nederland", en = "the Netherlands"}\n'
        'EU = {nl = "de EU", en = "the EU"}\nUS = {nl = "de VS", en = "the US"}\n',
    )
    code, out, err = invoke(runner, "set", "paris-agreement", "--holder", "EUR", "--stance", "x")
    assert code == 2
    code, out, err = invoke(
        runner, "set", "paris-agreement", "--holder", "EUR", "--stance", "opposes"
    )
    assert (code, out, err) == (
        2,
        "",
        "error: holder 'EUR' is not declared in posities.toml; did you mean EU? "
        "Declared: NL, EU, US\n",
    )
    code, out, err = invoke(
        runner, "add-source", "jcpoa", "--holder", "CN", *ADD[2:], "--quote", "Q."
    )
    assert (code, out, err) == (
        2,
        "",
        "error: holder 'CN' is not declared in posities.toml. Declared: NL, EU, US\n",
    )


def test_new_starts_with_the_own_holders_statement(runner: CliRunner, empty_register: Path) -> None:
    code, out, err = invoke(runner, *NEW, "--holder", "EU")
    assert (code, out) == (2, "")
    assert err == (
        "error: --holder EU: a position's first statement is the register's own holder's "
        "(NL), the stance at the top of its file. Create it with NL's stance (without "
        "--holder), then record EU's with posities set ID --holder EU --since DATE --stance "
        "STANCE --source-title ... --quote ...\n"
    )
    assert not (empty_register / "tariffs-2025.yaml").exists()
    code, out, _ = invoke(runner, *NEW, "--holder", "nl")
    assert (code, out) == (0, "positions/tariffs-2025.yaml\n")
    code, out, _ = invoke(runner, "new", "--help")
    assert code == 0
    assert "only the register's own holder (the default)" in " ".join(out.replace("│", "").split())


def test_relate_adds_a_relation_once(runner: CliRunner, bundled: Path) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_text(encoding="utf-8")
    assert invoke(runner, "relate", "jcpoa", "--related", "paris-agreement") == (
        0,
        "",
        "wrote positions/jcpoa.yaml: jcpoa is related to paris-agreement (relations[0])\n",
    )
    assert path.read_text(encoding="utf-8") == before + (
        "relations:\n  - {type: related, id: paris-agreement}\n"
    )
    assert invoke(runner, "relate", "jcpoa", "--related", "paris-agreement") == (
        0,
        "",
        "jcpoa is related to paris-agreement already (relations[0]); nothing changed\n",
    )
    assert invoke(runner, "relate", "jcpoa", "--supersedes", "paris-agreement")[0] == 0
    code, out, err = invoke(runner, "relate", "paris-agreement", "--reverses", "jcpoa")
    assert (code, out, err) == (
        1,
        "",
        "error: paris-agreement reverses jcpoa would make reverses and supersedes run in a "
        "circle: paris-agreement → jcpoa → paris-agreement; nothing was written\n",
    )
    assert invoke(runner, "check")[0] == 0
    assert invoke(runner, "fmt", "--check")[0] == 0


@pytest.mark.parametrize(
    ("given", "code", "message"),
    [
        ([], 2, "give exactly one of --reverses, --supersedes, --responds-to and --related"),
        (
            ["--reverses", "jcpoa", "--related", "paris-agreement"],
            2,
            "give exactly one of --reverses, --supersedes, --responds-to and --related",
        ),
        (["--responds-to", "jcpao"], 2, "no position with id 'jcpao'; did you mean jcpoa?"),
        (["--reverses", "jerusalem-embassy"], 2, "jerusalem-embassy cannot relate to itself"),
    ],
)
def test_relate_refuses_what_it_cannot_add(
    runner: CliRunner, bundled: Path, given: list[str], code: int, message: str
) -> None:
    before = (bundled / "jerusalem-embassy.yaml").read_bytes()
    got, out, err = invoke(runner, "relate", "jerusalem-embassy", *given)
    assert (got, out) == (code, "")
    assert message in " ".join(err.replace("│", "").split())
    assert (bundled / "jerusalem-embassy.yaml").read_bytes() == before


def test_relate_is_listed_after_add_source(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "--help")
    assert code == 0
    names = [
        line.split()[1]
        for line in out.splitlines()
        if line.startswith("│ ") and len(line.split()) > 2
    ]
    assert names.index("relate") == names.index("add-source") + 1


def test_racing_statements_and_relations_on_one_file_all_land(
    empty_register: Path, tmp_path: Path
) -> None:
    path = write(empty_register, "a-decision.yaml", minimal())
    write(empty_register, "b-decision.yaml", minimal("b-decision"))
    where = ["--dir", str(empty_register)]
    source = ["--source-title", "T", "--quote", "Q."]
    add = ["set", "a-decision", "--since", "2020-01-01", "--stance", "supports", *source, *where]
    commands = [[*add, "--holder", code] for code in ("EU", "DE", "FR", "UK")]
    commands.append(["relate", "a-decision", "--related", "b-decision", *where])
    results = race(tmp_path / "gate", commands)
    value = parse(path.read_text(encoding="utf-8")).value
    landed = sorted(item["holder"] for item in value.get("stances", []))
    for command, (out, err, code) in zip(commands, results, strict=True):
        assert out == ""
        assert "Traceback" not in err
        if code != 0:  # only a writer that waited too long may fail, saying so
            assert err.endswith("is being written by another posities process; try again\n")
        elif command[0] == "set":
            assert command[-1] in landed
        else:
            assert value["relations"] == [{"type": "related", "id": "b-decision"}]
    assert sum(code == 0 for _, _, code in results) == len(landed) + ("relations" in value)
    assert load(empty_register).valid


@pytest.mark.parametrize(
    "command",
    [
        [
            *["set", "a-decision", "--holder", "EU", "--since", "2020-01-01"],
            *["--stance", "supports", "--source-title", "T", "--quote", "Q."],
        ],
        ["set", "a-decision", "--until", "2020-01-01"],
        ["relate", "a-decision", "--related", "b-decision"],
    ],
)
def test_a_statement_or_relation_waits_for_another_writer(
    runner: CliRunner, empty_register: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    from posities.io import atomic

    from ..conftest import Holder

    path = write(empty_register, "a-decision.yaml", minimal())
    write(empty_register, "b-decision.yaml", minimal("b-decision"))
    monkeypatch.setattr(atomic, "LOCK_WAIT", 0.2)
    holder = Holder(path, "posities.core.save:locked")
    try:
        code, out, err = invoke(runner, *command)
    finally:
        holder.release()
    assert (code, out, err) == (
        1,
        "",
        "error: positions/a-decision.yaml is being written by another posities process; "
        "try again\n",
    )
    assert path.read_text(encoding="utf-8") == minimal()
    assert invoke(runner, *command)[0] == 0


# --- a later own statement becomes the top-level one -----------------------------------------

LATER = [
    "--since",
    "2025-01-01",
    "--stance",
    "opposes",
    "--source-title",
    "Bondgenoten in onzekere tijden",
    "--source-kind",
    "kamerbrief",
    "--source-text",
    LETTER,
    "--find",
    "zorgelijke trend minder multilateraal",
    "--supports",
    "stance",
]


def test_a_later_own_statement_takes_the_top_level_and_the_old_one_moves_to_stances(
    runner: CliRunner, bundled: Path
) -> None:
    path = bundled / "jcpoa.yaml"
    before = path.read_bytes()
    code, _, err = invoke(runner, "set", "jcpoa", *LATER)
    assert (code, path.read_bytes()) == (2, before)
    assert err == (
        "error: NL's statement from 2025-01-01 is later than the top-level one, so it becomes "
        "the file's top-level stance, which needs a summary: give --summary-nl and "
        "--summary-en\n"
    )
    summary = ["--summary-nl", "Nu afwijzend.", "--summary-en", "Now opposed."]
    code, _, err = invoke(runner, "set", "jcpoa", *LATER, *summary)
    assert code == 0, err
    assert err.splitlines()[:2] == [
        "wrote positions/jcpoa.yaml: NL's statement from 2025-01-01 is now the top-level "
        "stance; the one it follows moved to stances: (from 2018-05-08)",
        "  from 2025-01-01 in force: this statement (opposes), in place of NL's statement "
        "from 2018-05-08 (critical)",
    ]
    data = parse(path.read_text(encoding="utf-8")).value
    assert (data["stance"], data["since"], data["summary"]["en"]) == (
        "opposes",
        "2025-01-01",
        "Now opposed.",
    )
    moved = data["stances"][-1]
    assert (moved["holder"], moved["stance"], moved["since"]) == ("NL", "critical", "2018-05-08")
    assert "# the letter's text carries no date" in path.read_text(encoding="utf-8")  # kept
    assert invoke(runner, "check")[0] == 0
    assert invoke(runner, "fmt", "--check")[0] == 0
    code, out, _ = invoke(
        runner, "list", "--on", "2020-01-01", "-c", "id,stance", "--format", "csv"
    )
    assert "jcpoa,critical" in out  # the old stance, in force before the change
    assert invoke(runner, "migrate", "jcpoa")[0] == 0  # and the file can be migrated


def test_a_later_own_statement_on_an_invalid_file_names_its_problems_where_they_are(
    runner: CliRunner, bundled: Path
) -> None:
    path = bundled / "jcpoa.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    since: 2018-05-08  #", "    since: soon  #"
    )
    path.write_text(text, encoding="utf-8")
    summary = ["--summary-nl", "Nu afwijzend.", "--summary-en", "Now opposed."]
    code, _, err = invoke(runner, "set", "jcpoa", *LATER, *summary)
    assert code == 1
    line = next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith("    since: soon"))
    assert err.splitlines()[:2] == [
        "error: positions/jcpoa.yaml has problems already: fix them first (posities check); "
        "nothing was written",
        f"  positions/jcpoa.yaml:{line}:12: stances[0].since 'soon': expected a date as YYYY-MM-DD",
    ]
    assert path.read_text(encoding="utf-8") == text


def test_a_holder_asked_for_while_posities_toml_is_broken_names_the_toml(
    runner: CliRunner, bundled: Path
) -> None:
    (bundled / "posities.toml").write_text('[holders]\nNL = "Nederland"\n', encoding="utf-8")
    code, _, err = invoke(runner, "set", "jcpoa", "--holder", "EU", "--until", "2030-01-01")
    assert code == 1
    assert err.splitlines()[0] == (
        "error: posities.toml has problems, so the register's holders are not known; nothing "
        "was written"
    )
    assert err.splitlines()[1].startswith("  positions/posities.toml:2:")
