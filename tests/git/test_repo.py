"""git/repo and git/state called directly, against small real repositories built in tmp_path."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from posities.git import repo as gitrepo
from posities.git.repo import (
    BeforeHistory,
    Commit,
    GitError,
    Repo,
    at_revision,
    open_repo,
    run_git,
    split_range,
)
from posities.git.state import RegisterState, register_state

from ..conftest import minimal

CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Jan Jansen",
    "GIT_AUTHOR_EMAIL": "jan@example.org",
    "GIT_COMMITTER_NAME": "Jan Jansen",
    "GIT_COMMITTER_EMAIL": "jan@example.org",
}


def git(top: Path, *args: str, date: str | None = None) -> str:
    """The output of a git command run in `top`, with a fixed identity (and date)."""
    env = dict(CLEAN_ENV)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    done = subprocess.run(["git", *args], cwd=top, env=env, capture_output=True, check=True)
    return done.stdout.decode("utf-8", "surrogateescape")


def commit(top: Path, message: str, when: str, **files: str | None) -> Commit:
    """Write (or delete, for None) files under positions/, commit them at noon UTC on `when`."""
    folder = top / "positions"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        path = folder / name
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    git(top, "add", "-A", ".")
    git(top, "commit", "-q", "--allow-empty", "-m", message, date=f"{when}T12:00:00+0000")
    return Commit(git(top, "rev-parse", "HEAD").strip(), f"{when}T12:00:00+00:00")


def blob_id(top: Path, name: str) -> str:
    """The id git gives an object named `rev:path`."""
    return git(top, "rev-parse", name).strip()


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Days are read in local time: make that UTC, the time the commits are made at."""
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def top(tmp_path: Path) -> Path:
    """An empty repository."""
    where = tmp_path / "repo"
    where.mkdir()
    git(where, "init", "-q", "-b", "main")
    return where


@pytest.fixture
def three(top: Path) -> list[Commit]:
    """Three commits of positions/ on three days, the second and third on one day apart."""
    return [
        commit(top, "Register", "2018-06-01", **{"a.yaml": minimal("a"), "b.yaml": minimal("b")}),
        commit(top, "A opposes", "2019-01-15", **{"a.yaml": minimal("a", stance="opposes")}),
        commit(top, "B removed", "2019-01-16", **{"b.yaml": None}),
    ]


# --- opening a repository ---------------------------------------------------------------------


def test_the_register_folder_is_found_inside_its_repository(top: Path, three: list[Commit]) -> None:
    repo = open_repo(top / "positions")
    assert repo == Repo(top, "positions", False)
    assert repo.prefix() == "positions/"
    assert repo.head == three[-1]


def test_a_register_at_the_top_of_its_repository_has_no_prefix(
    top: Path, three: list[Commit]
) -> None:
    repo = open_repo(top)
    assert (repo.register, repo.prefix(), repo.shallow) == ("", "", False)
    assert repo.has_folder(three[0], "")


def test_a_folder_outside_git_is_a_clear_error(tmp_path: Path) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(GitError) as caught:
        open_repo(outside)
    assert str(caught.value) == (
        f"the register at '{outside}' is not in a git repository; history, diff and --at need "
        "one (git init, then commit the register)"
    )


def test_the_git_folder_itself_has_no_work_tree(top: Path, three: list[Commit]) -> None:
    with pytest.raises(GitError) as caught:
        open_repo(top / ".git")
    assert str(caught.value) == (
        f"the register at '{top / '.git'}' is inside a bare repository or a .git folder, which "
        "has no work tree; posities needs a work tree: clone the repository (git clone) and use "
        "the register in the clone"
    )


def test_the_environment_of_a_git_hook_is_not_passed_on(
    top: Path, three: list[Commit], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q", "-b", "main")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    assert open_repo(top / "positions").head == three[-1]


# --- revisions and dates --------------------------------------------------------------------


def test_revisions_name_commits(top: Path, three: list[Commit]) -> None:
    git(top, "tag", "v1", three[0].sha)
    git(top, "tag", "-a", "-m", "annotated", "v2", three[1].sha, date="2020-01-01T00:00:00+0000")
    repo = open_repo(top / "positions")
    assert repo.point("HEAD") == three[2]
    assert repo.point("main~2") == three[0]
    assert repo.point(three[1].sha) == three[1]
    assert repo.point(three[1].sha[:7]) == three[1]
    assert repo.point("v1") == three[0]
    assert repo.point("v2") == three[1]  # an annotated tag: its commit, not the tag object
    assert repo.point(":/opposes") == three[1]  # the newest commit whose message has it


def test_a_commit_has_a_short_id_and_a_day(three: list[Commit]) -> None:
    first = three[0]
    assert (first.short, first.day) == (first.sha[:12], "2018-06-01")
    assert first.date == "2018-06-01T12:00:00+00:00"


def test_a_date_is_the_last_commit_on_or_before_that_day(top: Path, three: list[Commit]) -> None:
    repo = open_repo(top / "positions")
    assert repo.point("2018-06-01") == three[0]
    assert repo.point("2019-01-14") == three[0]
    assert repo.point("2019-01-15") == three[1]
    assert repo.point("2019-01-16") == three[2]
    assert repo.point("2030-12-31") == three[2]
    assert repo.at_date("2018-12-31") == three[0]


def test_of_two_commits_on_one_day_the_later_is_taken(top: Path, three: list[Commit]) -> None:
    late = commit(top, "Later that day", "2019-01-16", **{"a.yaml": minimal("a")})
    assert late.day == three[2].day
    assert open_repo(top).at_date("2019-01-16") == late


def test_a_date_counts_only_commits_on_the_first_parent_line(
    top: Path, three: list[Commit]
) -> None:
    git(top, "checkout", "-q", "-b", "side", three[0].sha)
    side = commit(top, "On a side branch", "2018-09-01", **{"c.yaml": minimal("c")})
    git(top, "checkout", "-q", "main")
    git(top, "merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2019-02-01T12:00:00+0000")
    repo = open_repo(top)
    assert repo.is_ancestor(side, repo.head)
    assert repo.at_date("2018-09-30") == three[0]  # not the side branch's commit


def test_a_date_before_the_first_commit_is_before_history(top: Path, three: list[Commit]) -> None:
    repo = open_repo(top / "positions")
    with pytest.raises(BeforeHistory) as caught:
        repo.point("2018-05-31")
    assert str(caught.value) == (
        "the register did not exist yet on 2018-05-31: the first commit on this branch is "
        f"{three[0].short} of 2018-06-01"
    )
    assert (caught.value.day, caught.value.first) == ("2018-05-31", three[0])
    assert isinstance(caught.value, GitError)


@pytest.mark.parametrize("day", ["2019-02-30", "2019-13-01", "2019-00-10", "2023-02-29"])
def test_a_date_that_does_not_exist_is_refused(top: Path, three: list[Commit], day: str) -> None:
    with pytest.raises(GitError) as caught:
        open_repo(top).point(day)
    assert str(caught.value) == f"'{day}' is not a date that exists"


def test_a_leap_day_is_a_date(top: Path, three: list[Commit]) -> None:
    assert open_repo(top).point("2020-02-29") == three[2]
    with pytest.raises(BeforeHistory):
        open_repo(top).point("2016-02-29")


@pytest.mark.parametrize(
    ("rev", "message"),
    [
        ("HEAD~1..HEAD", "'HEAD~1..HEAD' is a range; one revision or date is needed here"),
        ("main...HEAD", "'main...HEAD' is a range; one revision or date is needed here"),
        ("-p", "'-p' is not a revision (a revision cannot start with '-')"),
        ("--all", "'--all' is not a revision (a revision cannot start with '-')"),
        (" HEAD", "' HEAD' is not a revision"),
        ("HEAD\n", "'HEAD\\x0a' is not a revision"),
        ("a\0b", "'a\\x00b' is not a revision"),
        (
            "nope",
            "unknown revision 'nope' (a revision is a commit, branch, tag, or a date YYYY-MM-DD)",
        ),
        (
            "HEAD~9",
            "unknown revision 'HEAD~9' (a revision is a commit, branch, tag, or a date YYYY-MM-DD)",
        ),
        (
            "^HEAD",
            "unknown revision '^HEAD' (a revision is a commit, branch, tag, or a date YYYY-MM-DD)",
        ),
        (
            "HEAD^{tree}",
            "unknown revision 'HEAD^{tree}' (a revision is a commit, branch, tag, or a date "
            "YYYY-MM-DD)",
        ),
        (
            "HEAD:positions/a.yaml",
            "unknown revision 'HEAD:positions/a.yaml' (a revision is a commit, branch, tag, or "
            "a date YYYY-MM-DD)",
        ),
    ],
)
def test_what_names_no_single_commit_is_refused(
    top: Path, three: list[Commit], rev: str, message: str
) -> None:
    with pytest.raises(GitError) as caught:
        open_repo(top).point(rev)
    assert str(caught.value) == message


def test_an_empty_revision_is_refused(top: Path, three: list[Commit]) -> None:
    with pytest.raises(GitError) as caught:
        open_repo(top).commit("")
    assert str(caught.value) == "'' is not a revision"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HEAD", None),
        ("2019-01-15", None),
        ("A..B", ("A", "B", False)),
        ("A...B", ("A", "B", True)),
        ("..B", ("", "B", False)),
        ("A..", ("A", "", False)),
        ("...B", ("", "B", True)),
        ("2018-06-01..2019-01-15", ("2018-06-01", "2019-01-15", False)),
    ],
)
def test_a_range_is_split_into_its_sides(text: str, expected: tuple[str, str, bool] | None) -> None:
    assert split_range(text) == expected


@pytest.mark.parametrize("text", ["..", "...", "A..B..C", "A....B", "A.....B", ".A..B", "A..B."])
def test_what_is_not_a_range_is_refused(text: str) -> None:
    with pytest.raises(GitError) as caught:
        split_range(text)
    assert str(caught.value) == (
        f"'{text}' is not a range: a range is A..B (from A to B) or A...B (from where A and B "
        "branched to B); a side left out means HEAD"
    )


def test_two_branches_meet_at_their_merge_base(top: Path, three: list[Commit]) -> None:
    git(top, "checkout", "-q", "-b", "side", three[1].sha)
    side = commit(top, "Side", "2019-03-01", **{"c.yaml": minimal("c")})
    git(top, "checkout", "-q", "main")
    repo = open_repo(top)
    assert repo.merge_base(side, three[2]) == three[1]
    assert repo.is_ancestor(three[0], side)
    assert not repo.is_ancestor(side, three[2])
    assert repo.is_ancestor(side, side)
    git(top, "merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2019-04-01T12:00:00+0000")
    repo = open_repo(top)  # merge_bases reads the graph behind HEAD: the merge's parents
    pairs = {(side.sha, three[2].sha), (three[0].sha, three[2].sha)}
    assert repo.merge_bases(pairs) == {
        (side.sha, three[2].sha): three[1].sha,
        (three[0].sha, three[2].sha): three[0].sha,
    }
    assert repo.merge_bases(set()) == {}


def test_unrelated_histories_have_no_merge_base(top: Path, three: list[Commit]) -> None:
    git(top, "checkout", "-q", "--orphan", "other")
    alone = commit(top, "Alone", "2019-04-01")
    repo = open_repo(top)
    with pytest.raises(GitError) as caught:
        repo.merge_base(three[2], alone)
    assert str(caught.value) == (
        f"{three[2].short} and {alone.short} have no common history (no merge base), so A...B "
        "has no start; compare them with A..B"
    )
    assert not repo.is_ancestor(three[0], alone)


# --- trees and blobs ------------------------------------------------------------------------


def test_files_are_the_register_s_blobs_at_a_commit(top: Path, three: list[Commit]) -> None:
    texts = top / "positions" / "texts"
    texts.mkdir()
    (texts / "letter.txt").write_text("Wij vinden er iets van.\n", encoding="utf-8")
    (top / "README.md").write_text("outside the register\n", encoding="utf-8")
    tool = top / "positions" / "tool.sh"
    tool.write_text("#!/bin/sh\n", encoding="utf-8")
    tool.chmod(0o755)
    (top / "positions" / "link.yaml").symlink_to("a.yaml")
    fourth = commit(top, "More", "2019-02-01")
    repo = open_repo(top / "positions")
    assert repo.files(three[0]) == {
        "a.yaml": ("100644", blob_id(top, f"{three[0].sha}:positions/a.yaml")),
        "b.yaml": ("100644", blob_id(top, f"{three[0].sha}:positions/b.yaml")),
    }
    assert repo.files(fourth) == {
        "a.yaml": ("100644", blob_id(top, "HEAD:positions/a.yaml")),
        "link.yaml": ("120000", blob_id(top, "HEAD:positions/link.yaml")),
        "tool.sh": ("100755", blob_id(top, "HEAD:positions/tool.sh")),
    }
    assert repo.prefix_at(fourth) == "positions/"
    assert repo.tree(fourth, "positions/") == {
        "a.yaml": ("100644", blob_id(top, "HEAD:positions/a.yaml")),
        "link.yaml": ("120000", blob_id(top, "HEAD:positions/link.yaml")),
        "texts": ("040000", blob_id(top, "HEAD:positions/texts")),
        "texts/letter.txt": ("100644", blob_id(top, "HEAD:positions/texts/letter.txt")),
        "tool.sh": ("100755", blob_id(top, "HEAD:positions/tool.sh")),
    }


def test_files_are_listed_once_per_commit(
    top: Path, three: list[Commit], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = open_repo(top / "positions")
    first = repo.files(three[1])
    calls: list[list[str]] = []
    real = gitrepo.run_git

    def counted(cwd: Path, args: list[str], stdin: bytes | None = None) -> bytes:
        calls.append(args)
        return real(cwd, args, stdin)

    monkeypatch.setattr(gitrepo, "run_git", counted)
    assert repo.files(three[1]) is first
    assert calls == []


def test_blobs_are_read_by_id_or_by_revision_and_path(top: Path, three: list[Commit]) -> None:
    repo = open_repo(top / "positions")
    oid = repo.files(three[0])["a.yaml"][1]
    missing = "0" * 40
    names = [oid, f"{three[1].sha}:positions/a.yaml", missing, "HEAD:positions/b.yaml"]
    assert repo.blobs(names) == {
        oid: minimal("a").encode(),
        f"{three[1].sha}:positions/a.yaml": minimal("a", stance="opposes").encode(),
        missing: None,
        "HEAD:positions/b.yaml": None,
    }
    assert repo.blobs([]) == {}


def test_sizes_and_object_ids_without_reading_the_blobs(top: Path, three: list[Commit]) -> None:
    repo = open_repo(top / "positions")
    oid = repo.files(three[2])["a.yaml"][1]
    missing = "f" * 40
    assert repo.sizes([oid, missing]) == {oid: len(minimal("a", stance="opposes")), missing: None}
    assert repo.sizes([]) == {}
    assert repo.object_ids(["HEAD:positions/a.yaml", "HEAD:positions", "HEAD:nothing.yaml"]) == {
        "HEAD:positions/a.yaml": oid,
        "HEAD:positions": None,  # a tree is no blob
        "HEAD:nothing.yaml": None,
    }
    assert repo.object_ids([]) == {}


def test_symbolic_links_are_followed_inside_the_tree_only(top: Path, three: list[Commit]) -> None:
    folder = top / "positions"
    (folder / "inside.yaml").symlink_to("a.yaml")
    (folder / "outside.yaml").symlink_to("/etc/hostname")
    (folder / "nowhere.yaml").symlink_to("gone.yaml")
    (folder / "loop.yaml").symlink_to("loop.yaml")
    head = commit(top, "Links", "2019-02-01")
    repo = open_repo(folder)
    assert repo.follow(head, "positions/inside.yaml") == (
        minimal("a", stance="opposes").encode(),
        "",
    )
    assert repo.follow(head, "positions/outside.yaml") == (
        None,
        "a symbolic link to a file outside the repository",
    )
    assert repo.follow(head, "positions/nowhere.yaml") == (
        None,
        "a symbolic link that points nowhere",
    )
    assert repo.follow(head, "positions/loop.yaml") == (None, "a symbolic link that loops")


def test_a_name_at_a_revision_is_shown_as_git_show_takes_it() -> None:
    assert at_revision("1a2b3c4d5e6f", "positions/a.yaml") == "1a2b3c4d5e6f:positions/a.yaml"
    assert at_revision("HEAD", "positions/\x1b[31mred.yaml") == "HEAD:positions/\\x1b[31mred.yaml"


# --- renames, shallow clones, empty repositories, odd names -----------------------------------


def test_files_moved_into_the_register_folder_are_followed_back(top: Path) -> None:
    old = top / "register"
    old.mkdir()
    (old / "a.yaml").write_text(minimal("a"), encoding="utf-8")
    (old / "b.yaml").write_text(minimal("b"), encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Register", date="2018-06-01T12:00:00+0000")
    before = git(top, "rev-parse", "HEAD").strip()
    git(top, "mv", "register", "positions")
    git(top, "commit", "-q", "-m", "Moved", date="2018-07-01T12:00:00+0000")
    repo = open_repo(top / "positions")
    first = repo.commit(before)
    assert repo.files(first) == {
        "a.yaml": ("100644", blob_id(top, f"{before}:register/a.yaml")),
        "b.yaml": ("100644", blob_id(top, f"{before}:register/b.yaml")),
    }
    assert repo.prefix_at(first) == "register/"
    assert repo.prefix_at(repo.head) == "positions/"
    assert not repo.has_folder(first, "positions")
    assert repo.has_folder(first, "register")


def test_a_register_folder_that_held_nothing_and_moved_nowhere_is_empty(top: Path) -> None:
    (top / "README.md").write_text("first\n", encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Start", date="2018-06-01T12:00:00+0000")
    start = git(top, "rev-parse", "HEAD").strip()
    commit(top, "Register", "2018-07-01", **{"a.yaml": minimal("a")})
    repo = open_repo(top / "positions")
    first = repo.commit(start)
    assert repo.files(first) == {}
    assert repo.prefix_at(first) == "positions/"


def shallow_clone(source: Path, clone: Path, depth: int) -> Path:
    """A real shallow clone of `source`."""
    git(source.parent, "clone", "-q", "--depth", str(depth), f"file://{source}", str(clone))
    return clone


def test_a_shallow_clone_knows_where_its_history_stops(
    top: Path, three: list[Commit], tmp_path: Path
) -> None:
    clone = shallow_clone(top, tmp_path / "clone", 1)
    repo = open_repo(clone / "positions")
    assert repo.shallow
    assert repo.cut == frozenset({three[2].sha})
    assert repo.point("2019-01-16") == three[2]
    with pytest.raises(GitError) as caught:
        repo.point("2018-06-01")
    assert not isinstance(caught.value, BeforeHistory)
    assert str(caught.value) == (
        f"no commit on or before 2018-06-01 on this branch; the first is {three[2].short} of "
        "2019-01-16. This is a shallow clone: older history may be missing; fetch it with git "
        "fetch --unshallow"
    )
    with pytest.raises(GitError) as unknown:
        repo.point(three[0].sha)
    assert str(unknown.value) == (
        f"unknown revision '{three[0].sha}'; this is a shallow clone, so older history may be "
        "missing: fetch it with git fetch --unshallow (a revision is a commit, branch, tag, or "
        "a date YYYY-MM-DD)"
    )


def test_a_shallow_clone_of_the_whole_history_is_cut_nowhere(
    top: Path, three: list[Commit], tmp_path: Path
) -> None:
    clone = shallow_clone(top, tmp_path / "clone", 3)
    repo = open_repo(clone / "positions")
    assert repo.shallow
    assert repo.cut == frozenset()
    with pytest.raises(BeforeHistory):
        repo.point("2018-05-31")


def test_a_full_repository_is_cut_nowhere(top: Path, three: list[Commit]) -> None:
    assert open_repo(top).cut == frozenset()


def test_an_empty_repository_has_no_points(top: Path) -> None:
    (top / "positions").mkdir()
    repo = open_repo(top / "positions")
    assert repo == Repo(top, "positions", False)
    message = (
        "the repository has no commits yet; commit the register first "
        "(git add positions && git commit)"
    )
    for text in ("HEAD", "main", "2020-01-01"):
        with pytest.raises(GitError) as caught:
            repo.point(text)
        assert str(caught.value) == message


ODD = "odd [x] *é"


def test_a_register_with_odd_characters_in_its_names(top: Path) -> None:
    folder = top / ODD
    folder.mkdir()
    (folder / "a b.yaml").write_text(minimal("a-b"), encoding="utf-8")
    (folder / "é.yaml").write_text(minimal("e"), encoding="utf-8")
    (folder / os.fsdecode(b"bad\xff.yaml")).write_text(minimal("bad"), encoding="utf-8")
    lookalike = top / "odd x Qé"  # what [x] and * would match as a pattern
    lookalike.mkdir()
    (lookalike / "c.yaml").write_text(minimal("c"), encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Odd", date="2018-06-01T12:00:00+0000")
    repo = open_repo(folder)
    assert (repo.register, repo.prefix()) == (ODD, f"{ODD}/")
    files = repo.files(repo.head)
    assert sorted(files) == ["a b.yaml", "bad\udcff.yaml", "é.yaml"]
    assert repo.blobs([files["bad\udcff.yaml"][1]]) == {
        files["bad\udcff.yaml"][1]: minimal("bad").encode()
    }
    assert repo.has_folder(repo.head, ODD)
    assert not repo.has_folder(repo.head, "odd ? *é")
    assert repo.object_ids([f"HEAD:{ODD}/a b.yaml"]) == {
        f"HEAD:{ODD}/a b.yaml": files["a b.yaml"][1]
    }


# --- git's failures, in words -----------------------------------------------------------------


def test_an_unknown_option_is_blamed_on_an_old_git(top: Path, three: list[Commit]) -> None:
    with pytest.raises(GitError) as caught:
        run_git(top, ["log", "--no-such-option"])
    assert str(caught.value) == (
        "git: 'unrecognized argument: --no-such-option'; this git is too old for posities, "
        "which needs git 2.31 or later (see git --version)"
    )


def test_other_failures_are_git_s_own_words(top: Path, three: list[Commit]) -> None:
    with pytest.raises(GitError) as caught:
        run_git(top, ["cat-file", "-p", "deadbeef"])
    assert str(caught.value) == "git: 'Not a valid object name deadbeef'"


def test_a_repository_of_another_user_says_how_to_trust_it(top: Path, three: list[Commit]) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a repository to another user")
    for path in [top, *top.rglob("*")]:
        os.lchown(path, 4321, 4321)
    with pytest.raises(GitError) as caught:
        open_repo(top / "positions")
    assert str(caught.value) == (
        f"git refuses the repository at '{top}': it is owned by another user (dubious "
        f"ownership). If you trust it, run: git config --global --add safe.directory '{top}'"
    )


def test_git_missing_from_the_path_is_named(top: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(top))
    with pytest.raises(GitError) as caught:
        run_git(top, ["status"])
    assert str(caught.value) == "git is not installed or not on PATH; history needs git"


def test_git_that_does_not_finish_is_named(top: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(args: list[str], **_kwargs: object) -> None:
        raise subprocess.TimeoutExpired(args, gitrepo.TIMEOUT)

    monkeypatch.setattr(subprocess, "run", slow)
    with pytest.raises(GitError) as caught:
        run_git(top, ["log", "-1"])
    assert str(caught.value) == "git log did not finish within 120 s"


def test_git_that_cannot_be_started_is_named(top: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(_args: list[str], **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(subprocess, "run", refused)
    with pytest.raises(GitError) as caught:
        run_git(top, ["status"])
    assert str(caught.value) == "cannot run git: Permission denied"


def test_output_of_cat_file_that_cannot_be_read_is_an_error(
    top: Path, three: list[Commit], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = open_repo(top)
    monkeypatch.setattr(Repo, "git", lambda self, *args, stdin=None: b"no newline here")
    with pytest.raises(GitError) as caught:
        repo.blobs(["HEAD:positions/a.yaml"])
    assert str(caught.value) == "git cat-file gave output that could not be read"


# --- git/state: the register's commit and whether it has changes ------------------------------


def test_a_register_outside_git_is_named_by_its_digest(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    assert register_state(folder, "0123456789ab") == RegisterState("0123456789ab")


def test_outside_git_the_digest_covers_the_source_texts(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "letter.txt").write_text("Wij vinden er iets van.\n", encoding="utf-8")
    first = register_state(folder, "0123456789ab")
    assert len(first.fingerprint) == 12
    assert first.fingerprint != "0123456789ab"
    assert register_state(folder, "0123456789ab") == first
    (folder / "texts" / "letter.txt").write_text("Iets anders.\n", encoding="utf-8")
    second = register_state(folder, "0123456789ab")
    assert second.fingerprint not in ("0123456789ab", first.fingerprint)
    assert (second.commit, second.dirty, second.unborn) == (None, False, False)


def test_a_register_in_a_repository_with_no_commit_is_unborn(top: Path) -> None:
    (top / "positions").mkdir()
    assert register_state(top / "positions", "0123456789ab") == RegisterState(
        "0123456789ab", unborn=True
    )


def test_a_committed_register_is_at_its_commit(top: Path, three: list[Commit]) -> None:
    state = register_state(top / "positions", "0123456789ab")
    assert state == RegisterState("0123456789ab", three[2].sha, "2019-01-16", dirty=False)


def test_an_edit_makes_the_register_dirty(top: Path, three: list[Commit]) -> None:
    (top / "positions" / "a.yaml").write_text(minimal("a"), encoding="utf-8")
    assert register_state(top / "positions", "x").dirty


def test_a_new_untracked_file_makes_the_register_dirty(top: Path, three: list[Commit]) -> None:
    (top / "positions" / "notes.md").write_text("notes\n", encoding="utf-8")
    assert register_state(top / "positions", "x").dirty


def test_an_edit_outside_the_register_is_not_its_change(top: Path, three: list[Commit]) -> None:
    (top / "README.md").write_text("elsewhere\n", encoding="utf-8")
    assert not register_state(top / "positions", "x").dirty


def test_ignored_files_count_only_when_the_register_reads_them(
    top: Path, three: list[Commit]
) -> None:
    (top / ".gitignore").write_text("*.bak\n*.yaml\ntexts/\n", encoding="utf-8")
    commit(top, "Ignore", "2019-02-01")
    folder = top / "positions"
    (folder / "a.yaml.bak").write_text("backup\n", encoding="utf-8")
    assert not register_state(folder, "x").dirty
    (folder / "c.yaml").write_text(minimal("c"), encoding="utf-8")
    assert register_state(folder, "x").dirty
    (folder / "c.yaml").unlink()
    (folder / "texts").mkdir()
    (folder / "texts" / "letter.txt").write_text("Wij vinden er iets van.\n", encoding="utf-8")
    assert register_state(folder, "x").dirty


# --- faults found and fixed ----------------------------------------------------------------------


def test_a_register_folder_whose_name_starts_with_a_colon_is_listed(top: Path) -> None:
    folder = top / ":odd"
    folder.mkdir()
    (folder / "a.yaml").write_text(minimal("a"), encoding="utf-8")
    (top / "odd").mkdir()  # what ':odd' means as a pathspec: odd/ at the top
    (top / "odd" / "b.yaml").write_text(minimal("b"), encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Odd", date="2018-06-01T12:00:00+0000")
    repo = open_repo(folder)
    oid = blob_id(top, "HEAD::odd/a.yaml")
    assert repo.files(repo.head) == {"a.yaml": ("100644", oid)}
    assert repo.tree(repo.head, repo.prefix()) == {"a.yaml": ("100644", oid)}


def test_a_folder_that_does_not_exist_is_not_blamed_on_git(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    with pytest.raises(GitError) as caught:
        open_repo(missing)
    assert str(caught.value) != "git is not installed or not on PATH; history needs git"
    assert str(missing) in str(caught.value)


def test_a_folder_that_does_not_exist_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    with pytest.raises(GitError) as caught:
        run_git(missing, ["status"])
    assert str(caught.value) == f"cannot run git in '{missing}': it does not exist"


def test_a_file_where_the_folder_should_be_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(GitError) as caught:
        open_repo(path)
    assert str(caught.value) == f"cannot run git in '{path}': it is not a folder"


def test_a_register_folder_named_like_pathspec_magic_is_read_at_a_commit(top: Path) -> None:
    folder = top / ":(glob)*"
    folder.mkdir()
    (folder / "a.yaml").write_text(minimal("a"), encoding="utf-8")
    (top / "b.yaml").write_text(minimal("b"), encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Magic", date="2018-06-01T12:00:00+0000")
    repo = open_repo(folder)
    oid = blob_id(top, "HEAD::(glob)*/a.yaml")
    assert repo.files(repo.head) == {"a.yaml": ("100644", oid)}
    assert repo.tree(repo.head, repo.prefix()) == {"a.yaml": ("100644", oid)}
    assert repo.has_folder(repo.head, repo.register)
