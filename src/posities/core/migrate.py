"""`posities migrate`: a file's own statement moved between the top level (the inline form) and
`stances:` (the stances form), every comment kept, and written only when the file reads back as
the same record.

In the stances form the top-level `stance`, `goal_shared`, `means_differ`, `since`, `until`,
`summary`, `sources` and `updated` are an item of `stances:` with `holder:` the register's own
holder and `since` written out, and the file says `holder: NL` at the top level: all of that
holder's statements are in `stances:`, and the latest of them (by `since`) is the file's own
stance (`model.records.inline`). A `since` on the decision's first day is the default, so the
inline form leaves it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posities.core.editing import read_position_bytes
from posities.core.fmt import Laid, replace_text, rewrite_each
from posities.core.register import decode, position_in
from posities.core.statements import first_day
from posities.errors import PositiesError, Problem
from posities.io.yamlread import Document
from posities.model.records import FORM_KEY, STATEMENT_FIELDS, FieldPath, own_item, to_dict


@dataclass(frozen=True)
class Form:
    """The form files are asked to be in, and the register's own holder."""

    inline: bool
    own: str

    @property
    def name(self) -> str:
        """The form as messages name it."""
        return "inline form" if self.inline else "stances form"


def migrate(root: Path, ids: Sequence[str], inline: bool, check: bool) -> Laid:
    """Put the position files `ids` (all when none is given) of the register at `root` in the
    inline form (`inline`) or the stances form; with `check`, only say which are not."""
    form = Form(inline, _own_holder(root))
    return rewrite_each(root, ids, lambda path, label: _migrate_file(path, label, form, check))


def _own_holder(root: Path) -> str:
    """The register's own holder; an error when `posities.toml` cannot say."""
    from posities.core.holders import known_holders

    return known_holders(root, "the register's own holder is not known", "nothing was changed").own


def _migrate_file(path: Path, label: str, form: Form, check: bool) -> bool:
    """Put one file in `form` (with `check`, only find out); whether it changes."""
    from posities.io.yamlread import parse

    data = read_position_bytes(path)
    text = decode(data)
    doc = parse(text)  # a YAML error is reported with its place, as check reports it
    stem = path.name.removesuffix(".yaml")
    before, problems = position_in(data, stem, label)
    if before is None:
        raise _problems(problems)
    if (FORM_KEY not in doc.value) == form.inline:
        return False
    new = inlined(text, doc, form, label) if form.inline else in_stances(text, doc, form, label)
    after, problems = position_in(new.encode("utf-8", "surrogateescape"), stem, label)
    if after is None or to_dict(after) != to_dict(before):
        raise PositiesError(
            f"in the {form.name} the file would not read as the same record; nothing was "
            "changed. Please report this with the file"
        )
    return replace_text(path, data, new, check, done="migrated")


def in_stances(text: str, doc: Document, form: Form, label: str) -> str:
    """`text` in the stances form: its own statement an item of `stances:`."""
    from posities.io.layout import move, position_key_order

    value: dict[str, Any] = doc.value
    items = value.get("stances") or []
    since = value.get("since") or first_day(value["decision"]["date"])
    for index, item in enumerate(items):
        if item["holder"] == form.own and item["since"] >= since:
            raise _located(
                label,
                doc,
                ("stances", index, "since"),
                f"stances[{index}] is {form.own}'s statement from {item['since']}, not before "
                f"the top-level one (from {since}): in the stances form the latest of "
                f"{form.own}'s statements is the file's own stance, so the file would read "
                "differently; nothing was changed. Make the latest the top-level statement first",
            )
    at = len(items)
    moves = [((key,), ("stances", at, key)) for key in STATEMENT_FIELDS if key in value]
    values: list[tuple[FieldPath, Any]] = [
        ((FORM_KEY,), form.own),
        (("stances", at, "holder"), form.own),
    ]
    if "since" not in value:
        values.append((("stances", at, "since"), since))
    return move(text, moves, values, [], position_key_order(), label)


def inlined(text: str, doc: Document, form: Form, label: str) -> str:
    """`text` in the inline form: the latest of its holder's statements at the top level."""
    from posities.io.layout import move, position_key_order

    value: dict[str, Any] = doc.value
    holder = value[FORM_KEY]
    if holder != form.own:
        raise _located(
            label,
            doc,
            (FORM_KEY,),
            f"{FORM_KEY}: {holder} is not the register's own holder ({form.own}), whose "
            "statement the top-level stance is; nothing was changed. Set it to "
            f"{form.own} if these are {form.own}'s statements",
        )
    index = own_item(value)
    assert index is not None, "a valid file in stances form"
    item = value["stances"][index]
    default = first_day(value["decision"]["date"])
    moved = [key for key in STATEMENT_FIELDS if key in item]
    if item["since"] == default:
        moved.remove("since")  # the default: left out
    moves = [(("stances", index, key), (key,)) for key in moved]
    drops: list[FieldPath] = [("stances", index)]
    if len(value["stances"]) == 1:
        drops.append(("stances",))
    drops.append((FORM_KEY,))
    return move(text, moves, [], drops, position_key_order(), label)


def _located(label: str, doc: Document, field: FieldPath, message: str) -> PositiesError:
    """An error about one field of a file, at its place."""
    line, column = doc.where(field) or (None, None)
    return _problems([Problem(label, line, column, message)])


def _problems(problems: list[Problem]) -> PositiesError:
    error = PositiesError(problems[0].message if problems else "the file is not valid")
    error.problems = problems
    return error
