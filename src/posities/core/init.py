"""Starting a register (`posities init`): its folder, the JSON Schema its files point to,
and git's diff driver where the folder is in a repository."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from posities.core.register import REGISTER_DIR, TEXTS_DIR
from posities.errors import UsageError, display_path, shown
from posities.io.atomic import replace_text
from posities.model.schema import SCHEMA_FILE


@dataclass(frozen=True)
class Started:
    """What `init` did: the paths it wrote (folders end in `/`), and what to tell the user."""

    written: list[str]
    notes: list[str]


def init_register(folder: Path) -> Started:
    """Start a register in `folder`: `positions/` with `texts/` and the JSON Schema, and the
    diff driver's `.gitattributes` line when `folder` is in a git repository. What is there
    already is kept, so running it again changes nothing; a register with files is left alone."""
    written = [display_path(folder) + "/"] if _make_folder(folder) else []
    root = folder / REGISTER_DIR
    kept = _kept(folder, root)
    if kept is not None:
        return Started(written, [kept])
    written += [display_path(p) + "/" for p in (root, root / TEXTS_DIR) if _make_folder(p)]
    schema_path = root / SCHEMA_FILE
    if not schema_path.exists():
        from posities.io.formats import json_text
        from posities.model.schema import json_schema

        try:
            replace_text(schema_path, [json_text(json_schema())])
        except OSError as error:
            raise UsageError(f"cannot write {_named(schema_path)}: {error.strerror}") from None
        written.append(display_path(schema_path))
    notes = _attributes(root, written)
    if not written:
        notes.insert(0, f"{display_path(root)}/ is set up already; nothing was changed")
    return Started(written, notes)


def _kept(folder: Path, root: Path) -> str | None:
    """Why the register in `folder` (or `folder` itself) is left as it is, if it is: it has
    files besides those `init` writes."""
    if (folder / SCHEMA_FILE).exists():
        here = "this folder" if folder.resolve() == Path.cwd().resolve() else display_path(folder)
        return f"{here} is a register already (it holds {SCHEMA_FILE}); left as it is"
    try:
        others = set(os.listdir(root)) - {TEXTS_DIR, SCHEMA_FILE}
    except (FileNotFoundError, NotADirectoryError):
        return None  # made next, or refused as not a folder
    except OSError as error:
        raise UsageError(f"cannot read {_named(root)}: {error.strerror}") from None
    if not others:
        return None
    count = sum(1 for name in others if name.endswith(".yaml"))
    files = f"{count} position file{'s' if count != 1 else ''}"
    what = f"is a register already ({files})" if count else "is not empty"
    return f"{display_path(root)}/ {what}; left as it is"


def _make_folder(path: Path) -> bool:
    """Make the folder `path` unless it exists; whether it was made. Its parent must exist:
    a mistyped path makes no tree of folders."""
    try:
        if path.is_dir():
            return False
        path.mkdir()
    except FileExistsError:
        raise UsageError(f"{_named(path)} exists and is not a folder") from None
    except FileNotFoundError:
        raise UsageError(
            f"cannot create the folder {_named(path)}: the folder {_named(path.parent)} it goes "
            "in does not exist; create that first"
        ) from None
    except OSError as error:
        raise UsageError(f"cannot create the folder {_named(path)}: {error.strerror}") from None
    return True


def _named(path: Path) -> str:
    """`path` quoted for an error message: relative to the current folder when inside it,
    shortened when long."""
    here = Path.cwd()
    return shown(str(path.relative_to(here) if path.is_relative_to(here) else path), 200)


def _attributes(root: Path, written: list[str]) -> list[str]:
    """Add the diff driver's line to the `.gitattributes` of the repository `root` is in (if
    any), noting it in `written`; notes for the user."""
    from posities.git.attributes import ATTRIBUTES, DRIVER, add_attributes, repository_of
    from posities.git.repo import GitError

    try:
        repo = repository_of(root)
        if repo is None or not add_attributes(repo):
            return []
    except GitError as error:
        return [f"warning: {ATTRIBUTES} was not changed: {error}"]
    except OSError as error:
        return [f"warning: cannot write {ATTRIBUTES}: {error.strerror}"]
    written.append(display_path(repo.top / ATTRIBUTES))
    return [
        f"{ATTRIBUTES} names the diff driver; `posities git install` also sets "
        f"diff.{DRIVER}.command in git's config, which is not shared: run it once in each clone"
    ]
