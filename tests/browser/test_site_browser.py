"""The register site in a real browser: Debian's Chromium, driven by Playwright, opens the page
from disk and filters, sorts and searches it; no script error, nothing fetched. A screenshot
is kept as tests/artifacts/site.png.

Where Chromium or Playwright is missing this module is skipped, saying what to install; in CI
(`CI` set) it fails instead, so that it is never skipped unseen there."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import BUNDLED

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
INSTALL = (
    "install Debian's browser (apt-get install chromium) and the test extra "
    "(pip install -e '.[test]', which brings playwright; no `playwright install` is needed)"
)


def _missing() -> str | None:
    """What the browser test lacks to run, in words; None when it has everything."""
    lacking = []
    if importlib.util.find_spec("playwright") is None:
        lacking.append("the playwright package")
    if shutil.which("chromium") is None:
        lacking.append("a chromium executable on PATH")
    return " and ".join(lacking) or None


def require_browser() -> None:
    """Go on only with Chromium and Playwright at hand: else fail in CI, skip elsewhere,
    saying what is missing and how to install it."""
    missing = _missing()
    if missing is None:
        return
    message = f"the browser test needs {missing}: {INSTALL}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_a_missing_browser_fails_in_ci_and_is_skipped_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    said = (
        "the browser test needs a chromium executable on PATH: install Debian's browser "
        "(apt-get install chromium) and the test extra (pip install -e '.[test]', which brings "
        "playwright; no `playwright install` is needed)"
    )
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        require_browser()
    assert str(failed.value) == said
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_browser()
    assert str(skipped.value) == said


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium, headless, launched once for the module."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        launched = driver.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=args
        )
        yield launched
        launched.close()


class Watch:
    """What a page did that it must not: console errors, uncaught exceptions, dialogs (an
    alert run from data), and any request for something other than a file on disk."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []

    def route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()


@pytest.fixture
def watched(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """A fresh page under watch; the test fails if the page misbehaved."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch()
    page.route("**/*", watch.route)
    page.on(
        "request", lambda r: None if r.url.startswith("file://") else watch.requests.append(r.url)
    )
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    page.on("dialog", lambda d: (watch.errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield page, watch
    context.close()
    assert watch.errors == []
    assert watch.requests == []


def _site(register: Path, target: Path, *args: str) -> Path:
    """`posities site` of `register` written to `target`, as a separate process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSITIES_")}
    env["POSITIES_CACHE_DIR"] = str(target.parent / "cache")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "posities",
            "site",
            "--dir",
            str(register),
            "-o",
            str(target),
            *args,
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    return target


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled register's site."""
    folder = tmp_path_factory.mktemp("site")
    register = folder / "positions"
    shutil.copytree(BUNDLED, register)
    return _site(register, folder / "register.html")


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of 1,000 positions, made from the bundled ones as the benchmark makes them."""
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    folder = tmp_path_factory.mktemp("large")
    bench.synthesize(folder / "positions", 1000)
    return _site(folder / "positions", folder / "register.html")


VISIBLE = """() => Array.from(document.querySelectorAll("#positions tbody tr"))
    .filter((tr) => !tr.hidden && tr.offsetParent !== null)
    .map((tr) => [tr.cells[0].textContent, tr.cells[3].textContent])"""


def visible(page: Any) -> list[tuple[str, str]]:
    """The (id, holder) of every row shown, top to bottom."""
    return [(ident, holder) for ident, holder in page.evaluate(VISIBLE)]


def choose(page: Any, **values: str) -> None:
    """Set the filters named (holder, stance, topic, goal, means) to these values."""
    for name, value in values.items():
        page.select_option(f"#f-{name}", value)


IDS = ["paris-agreement", "jerusalem-embassy", "steel-aluminium-tariffs", "jcpoa"]
IDS.append("human-rights-council")


def test_the_page_opens_with_the_own_holders_rows_and_a_count(
    watched: tuple[Any, Watch], bundled_site: Path
) -> None:
    page, _ = watched
    page.goto(bundled_site.as_uri())
    assert visible(page) == [(i, "NL") for i in IDS]
    assert page.inner_text("#count") == "5 of 5 positions shown"
    assert page.is_visible("#filters")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site.png"))


def test_filters_by_holder_stance_topic_goal_and_means(
    watched: tuple[Any, Watch], bundled_site: Path
) -> None:
    page, _ = watched
    page.goto(bundled_site.as_uri())
    choose(page, holder="")
    assert visible(page) == [(i, h) for i in IDS for h in ("NL", "EU")]
    assert page.inner_text("#count") == "5 of 5 positions shown"
    choose(page, holder="EU", stance="critical")
    assert visible(page) == [("jcpoa", "EU")]
    assert page.inner_text("#count") == "1 of 5 positions shown"
    choose(page, stance="-")
    assert visible(page) == [(i, "EU") for i in IDS if i != "jcpoa"]
    choose(page, holder="NL", stance="")
    choose(page, topic="iran")
    assert visible(page) == [("jcpoa", "NL")]
    choose(page, topic="multilateralism", goal="yes")
    assert visible(page) == [("jcpoa", "NL"), ("human-rights-council", "NL")]
    choose(page, goal="-")
    assert visible(page) == [(i, "NL") for i in IDS[:3]]
    choose(page, goal="", means="yes")
    assert visible(page) == [("jcpoa", "NL"), ("human-rights-council", "NL")]
    choose(page, means="no")
    assert visible(page) == []
    assert page.inner_text("#count") == "0 of 5 positions shown"


def test_a_search_finds_words_in_quotes_whatever_their_case_and_accents(
    watched: tuple[Any, Watch], bundled_site: Path
) -> None:
    page, _ = watched
    page.goto(bundled_site.as_uri())
    page.fill("#f-search", "MÉNINGSverschillen")  # only in a quote of these two
    assert visible(page) == [("jcpoa", "NL"), ("human-rights-council", "NL")]
    assert page.inner_text("#count") == "2 of 5 positions shown"
    choose(page, holder="")
    assert visible(page) == [("jcpoa", "NL"), ("jcpoa", "EU"), ("human-rights-council", "NL")]
    page.fill("#f-search", "iran nuclear")  # a title
    assert visible(page) == [("jcpoa", "NL"), ("jcpoa", "EU")]
    page.fill("#f-search", "no such words anywhere")
    assert visible(page) == []
    page.fill("#f-search", "")
    assert len(visible(page)) == 10


def test_a_click_on_a_heading_sorts_by_its_column_both_ways(
    watched: tuple[Any, Watch], bundled_site: Path
) -> None:
    page, _ = watched
    page.goto(bundled_site.as_uri())
    by_date = sorted(IDS, key=IDS.index)  # the page's own order is by decision date
    page.click("th[data-key=id] button")
    assert [i for i, _ in visible(page)] == sorted(IDS)
    assert page.get_attribute("th[data-key=id]", "aria-sort") == "ascending"
    page.click("th[data-key=id] button")
    assert [i for i, _ in visible(page)] == sorted(IDS, reverse=True)
    assert page.get_attribute("th[data-key=id]", "aria-sort") == "descending"
    page.click("th[data-key=date] button")
    assert [i for i, _ in visible(page)] == by_date
    assert page.get_attribute("th[data-key=id]", "aria-sort") is None
    page.click("th[data-key=date] button")
    assert [i for i, _ in visible(page)] == by_date[::-1]
    # not stated comes last, in either direction
    choose(page, holder="EU")
    page.click("th[data-key=stance] button")
    assert visible(page)[0] == ("jcpoa", "EU")
    page.click("th[data-key=stance] button")
    assert visible(page)[0] == ("jcpoa", "EU")
    choose(page, holder="NL")
    page.click("th[data-key=goal] button")
    stated = ["jcpoa", "human-rights-council"]
    assert [i for i, _ in visible(page)] == [*stated, *IDS[:3]]
    page.click("th[data-key=goal] button")  # no "no" here: yes first still, ties in page order
    assert [i for i, _ in visible(page)] == [*stated, *IDS[:3]]


def test_a_rows_link_leads_to_its_decisions_section(
    watched: tuple[Any, Watch], bundled_site: Path
) -> None:
    page, _ = watched
    page.goto(bundled_site.as_uri())
    page.click("#positions tbody tr[data-row='6'] a")
    assert page.url.endswith("#pos-jcpoa")
    assert page.evaluate("document.querySelector(':target').id") == "pos-jcpoa"
    assert page.is_visible("#pos-jcpoa h2")
    assert page.evaluate("document.querySelector('#pos-jcpoa').getBoundingClientRect().top") < 50
    page.click("#pos-jcpoa a.back")
    assert page.url.endswith("#positions")


def test_without_script_every_row_shows_and_the_controls_do_not(
    browser: Any, bundled_site: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bundled_site.as_uri())
    assert visible(page) == [(i, h) for i in IDS for h in ("NL", "EU")]
    assert not page.is_visible("#filters")
    assert not page.is_visible("#count")
    context.close()


def test_hostile_values_stay_text_in_the_browser(
    watched: tuple[Any, Watch], tmp_path: Path
) -> None:
    from posities.model.words import Lang
    from posities.render.site import site_page

    from ..render.test_site import HOSTILE, RTL, _hostile_site

    target = tmp_path / "hostile.html"
    target.write_text(site_page(_hostile_site(), HOSTILE, Lang.EN), encoding="utf-8")
    page, _ = watched
    page.goto(target.as_uri())
    assert page.inner_text("#positions tbody tr td:nth-child(2)") == HOSTILE + RTL
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    page.fill("#f-search", "الانسان")  # the quote's Arabic, its hamza as typed without
    assert len(visible(page)) == 1


def test_a_thousand_positions_open_filter_and_sort(
    watched: tuple[Any, Watch], large_site: Path
) -> None:
    page, _ = watched
    data = json.loads(
        large_site.read_text(encoding="utf-8")
        .split('<script type="application/json" id="data">')[1]
        .split("</script>")[0]
    )
    rows = data["rows"]
    assert data["total"] == 1000
    started = time.perf_counter()
    page.goto(large_site.as_uri())
    opened = time.perf_counter() - started
    assert page.inner_text("#count") == "1000 of 1000 positions shown"
    started = time.perf_counter()
    choose(page, stance="critical")
    filtered = time.perf_counter() - started
    wanted = [r["id"] for r in rows if r["holder"] == "NL" and r["stance"] == "critical"]
    assert [i for i, _ in visible(page)] == wanted
    assert page.inner_text("#count") == f"{len(wanted)} of 1000 positions shown"
    page.click("th[data-key=date] button")
    page.click("th[data-key=date] button")
    dates = {r["id"]: r["date"] for r in rows}
    shown = [dates[i] for i, _ in visible(page)]
    assert shown == sorted(shown, reverse=True)
    size = large_site.stat().st_size
    print(f"\n1,000 positions: {size / 1e6:.1f} MB, opened in {opened:.2f} s, ", end="")
    print(f"filtered in {filtered:.3f} s")
