"""The tables of list and show: chosen columns, memo sections, and the terminal showing
data as data."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from posities.core.register import load
from posities.model.records import Localized, Position, Source
from posities.model.words import Lang
from posities.render.tables import parse_columns, rich_show, rich_table

from .test_notes import position, source


def hostile(bundled: Path) -> Position:
    position = load(bundled).positions[0]
    return Position(
        **{
            **{f: getattr(position, f) for f in position.__slots__},
            "title": Localized(
                "[red]x[/] :smile:", "[bold red]boom[/] [link=http://evil]y[/link] :smile:"
            ),
        }
    )


def rendered(renderable: object) -> str:
    console = Console(width=200, force_terminal=True, color_system="standard", record=True)
    console.print(renderable)
    return console.export_text(styles=False)


def test_terminal_table_never_reads_data_as_markup(bundled: Path) -> None:
    text = rendered(rich_table([hostile(bundled)], Lang.EN))
    assert "[bold red]boom[/] [link=http://evil]y[/link] :smile:" in text
    assert "😄" not in text


def test_terminal_show_never_reads_data_as_markup(bundled: Path) -> None:
    text = rendered(rich_show(hostile(bundled), Lang.NL))
    assert "[red]x[/] :smile:" in text
    assert "😄" not in text


def test_parse_columns() -> None:
    assert parse_columns("id, title,goal-shared") == ("id", "title", "goal_shared")
    with pytest.raises(ValueError, match="did you mean stance"):
        parse_columns("id,stanse")
    with pytest.raises(ValueError, match="named twice"):
        parse_columns("id,id")
    with pytest.raises(ValueError, match="at least one"):
        parse_columns(" , ")


def test_show_as_a_memo_names_what_each_source_supports_and_what_was_not_checked() -> None:
    from posities.render.tables import markdown_show

    unchecked = Source(
        "Een brief", "kamerbrief", "# Kop", "2019-02-03", None, "https://x.nl/b", None
    )
    checked = source("Wij zijn kritisch.", ("stance", "goal_shared"))
    text = markdown_show(position("a", (unchecked, checked)), Lang.NL, "*s*")
    assert (
        "1. Een brief (kamerbrief, 3 februari 2019), https://x.nl/b; niet getoetst aan een "
        "brontekst\n\n   > \\# Kop\n\n"
    ) in text
    assert (
        "2. Een brief (kamerbrief, datum niet vermeld); onderbouwt: standpunt, doel gedeeld\n"
        in text
    )


@pytest.mark.parametrize("holder", [None, "EU", "DE", "NL"])
@pytest.mark.parametrize("on", [None, "2017-06-01", "2018-04-01", "2022-01-01"])
def test_json_from_the_cached_record_is_the_json_of_the_view(
    tmp_path: Path, holder: str | None, on: str | None
) -> None:
    """A view of a file's own statement is written from its record's cached JSON, with the
    keys every view has added: the same data as the view written anew."""
    import json
    import shutil

    from posities.core.query import Filter, select
    from posities.model.records import to_dict
    from posities.render.tables import json_chunks

    from ..conftest import BUNDLED

    for folder in (BUNDLED, BUNDLED.parent / "examples" / "holders" / "positions"):
        root = tmp_path / folder.parent.name
        shutil.copytree(folder, root)
        load(root)  # fills the cache
        register = load(root)
        assert set(register.encoded) == {p.id for p in register.positions}
        views = select(register.positions, Filter(holder=holder, on=on), own="NL")
        written = json.loads("".join(json_chunks(views, register.encoded)))
        assert written == [to_dict(view) for view in views]
        assert len({tuple(sorted(row)) for row in written}) == 1  # every row the same keys
