"""The register site read back with the standard library's HTML parser: a row and a section
for every position, every holder's statements with their quotes, relations both ways, every
value escaped, a JSON island that gives its values back exactly, nothing fetched."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from posities.core.register import load
from posities.model.holders import Holders
from posities.model.records import Localized, Relation, Source, Stance, Statement
from posities.model.words import Lang
from posities.render.site import (
    HistoryEntry,
    Site,
    fold,
    inline_svg,
    json_island,
    pictures_section,
    site_page,
)

from ..conftest import BUNDLED, position_record
from .test_html import Node, external, parse

EXAMPLE = BUNDLED.parent / "examples" / "holders" / "positions"
DAY = "2026-11-29"


def _site(root: Path, holder: str | None = None, day: str = DAY) -> Site:
    register = load(root)
    assert register.valid
    return Site(register.positions, register.holders, holder or register.holders.own, day)


def data_of(root: Node) -> dict[str, object]:
    """The JSON island of a page, parsed."""
    island = [s for s in root.all("script") if s.attrs.get("id") == "data"]
    assert len(island) == 1
    assert island[0].attrs == {"type": "application/json", "id": "data"}
    parsed: dict[str, object] = json.loads(island[0].text)
    return parsed


def by_id(root: Node, ident: str) -> Node:
    """The element whose id is `ident` (exactly one)."""
    found = [n for n in _every(root) if n.attrs.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]


def _every(node: Node) -> list[Node]:
    return [n for child in node.children for n in (child, *_every(child))]


def table_rows(root: Node) -> list[list[str]]:
    """The cells of the positions table, as the text each shows."""
    table = by_id(root, "positions")
    return [[td.words() for td in tr.all("td")] for tr in table.all("tbody")[0].all("tr")]


def test_every_position_has_a_row_and_a_section_in_decision_order() -> None:
    page = site_page(_site(BUNDLED), "Register state: today.", Lang.EN)
    root = parse(page)
    ids = [
        "paris-agreement",
        "jerusalem-embassy",
        "steel-aluminium-tariffs",
        "jcpoa",
        "human-rights-council",
    ]
    heads = [th.words() for th in by_id(root, "positions").all("th")]
    assert heads == [
        "ID",
        "Decision",
        "Date",
        "Holder",
        "Stance",
        "Goal shared",
        "Means differ",
        "Topics",
    ]
    keys = [th.attrs["data-key"] for th in by_id(root, "positions").all("th")]
    assert keys == ["id", "title", "date", "holder", "stance", "goal", "means", "topics"]
    rows = table_rows(root)
    # a row per decision and holder with a statement (NL, then EU), the decision's together
    assert [(r[0], r[3]) for r in rows] == [(i, h) for i in ids for h in ("NL", "EU")]
    assert rows[6] == [
        "jcpoa",
        "Unilateral withdrawal from the JCPOA (Iran nuclear deal)",
        "8 May 2018",
        "NL",
        "critical",
        "yes",
        "yes",
        "iran, non-proliferation, middle-east, multilateralism",
    ]
    assert rows[7][3:7] == ["EU", "critical", "yes", "yes"]
    assert rows[1][3:] == [
        "EU",
        "not stated",
        "not stated",
        "not stated",
        "climate, multilateralism",
    ]
    sections = [s.attrs["id"] for s in root.all("section")]
    assert sections == [f"pos-{i}" for i in ids]
    links = [a.attrs["href"] for tr in by_id(root, "positions").all("tr") for a in tr.all("a")]
    assert links == [f"#pos-{i}" for i in ids for _ in ("NL", "EU")]
    assert root.all("h1")[0].words() == "Register of positions"
    assert root.all("p")[0].attrs == {"class": "state"}
    assert root.all("p")[0].words() == "Register state: today."


def test_the_page_is_whole_in_itself_and_runs_only_its_own_script() -> None:
    page = site_page(_site(BUNDLED), "state", Lang.EN)
    assert page.startswith("<!DOCTYPE html>\n")
    root = parse(page)
    # the early script (in the head), the JSON island and the page's script
    assert external(page) == ["script", "script", "script"]
    scripts = root.all("script")
    assert [s.attrs for s in scripts] == [{}, {"type": "application/json", "id": "data"}, {}]
    assert scripts[0].text == (
        "if (window.Intl && String.prototype.normalize && document.documentElement.classList) "
        'document.documentElement.className = "js";'
    )
    assert scripts[0].parent is not None
    assert scripts[0].parent.tag == "head"
    policy = [m.attrs["content"] for m in root.all("meta") if "http-equiv" in m.attrs]
    hashes = [
        base64.b64encode(hashlib.sha256(scripts[at].text.encode()).digest()).decode()
        for at in (0, 2)
    ]
    assert policy == [
        f"default-src 'none'; script-src 'sha256-{hashes[0]}' 'sha256-{hashes[1]}'; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    ]
    assert "innerHTML" not in scripts[2].text
    assert len(root.all("style")) == 1
    assert len(page.encode()) < 200_000


def test_the_filters_offer_every_holder_stance_topic_and_answer() -> None:
    root = parse(site_page(_site(EXAMPLE, "EU"), "state", Lang.EN))
    form = by_id(root, "filters")
    assert form.attrs == {"id": "filters", "role": "search", "hidden": None}
    assert by_id(root, "count").attrs == {"id": "count", "aria-live": "polite", "hidden": None}

    def options(name: str) -> list[tuple[str, str, bool]]:
        select = by_id(root, f"f-{name}")
        return [
            (o.attrs["value"] or "", o.words(), "selected" in o.attrs) for o in select.all("option")
        ]

    assert options("holder") == [
        ("", "all", False),
        ("EU", "European Union (EU)", True),
        ("NL", "the Netherlands (NL)", False),
        ("DE", "Germany (DE)", False),
    ]
    assert options("stance") == [
        ("", "all", False),
        ("supports", "supports", False),
        ("neutral", "neutral", False),
        ("concerned", "concerned", False),
        ("critical", "critical", False),
        ("opposes", "opposes", False),
        ("-", "not stated", False),
    ]
    assert [v for v, _, _ in options("topic")] == ["", "climate", "multilateralism", "trade"]
    for name in ("goal", "means"):
        assert options(name) == [
            ("", "all", False),
            ("yes", "yes", False),
            ("no", "no", False),
            ("-", "not stated", False),
        ]
    search = by_id(root, "f-search")
    assert search.attrs["type"] == "search"
    assert search.parent is not None
    assert search.parent.words().strip() == "Search titles, summaries and quotes"


def test_the_json_island_holds_what_the_script_filters_and_sorts_by() -> None:
    data = data_of(parse(site_page(_site(EXAMPLE), "state", Lang.NL)))
    assert data["lang"] == "nl"
    assert data["total"] == 3
    assert data["count"] == "{shown} van {total} standpunten getoond"
    assert data["stances"] == ["supports", "neutral", "concerned", "critical", "opposes"]
    rows = data["rows"]
    assert isinstance(rows, list)
    assert [(r["id"], r["holder"]) for r in rows] == [
        (i, h)
        for i in ("paris-withdrawal", "steel-tariffs", "paris-return")
        for h in ("NL", "EU", "DE")
    ]
    steel_eu = rows[4]
    texts = data["texts"]
    assert isinstance(texts, list)
    assert steel_eu["stance"] == "opposes"
    assert steel_eu["date"] == "2018-03-08"
    assert steel_eu["topics"] == ["trade"]
    assert set(steel_eu) == {
        "id", "title", "date", "holder", "stance", "goal", "means", "topics", "texts",
    }  # fmt: skip
    assert all(t == fold(t) for t in texts)
    # its titles (a decision's rows share them) and its quote (it has no summary), folded
    assert [texts[at] for at in steel_eu["texts"]] == [
        "invoerheffingen op staal en aluminium steel and aluminium tariffs",
        "now that the tariffs apply to european steel and aluminium, the european union opposes "
        "them and will respond with the countermeasures that the rules of the world trade "
        "organization allow.",
    ]
    assert rows[3]["texts"][0] == steel_eu["texts"][0]
    earlier = data_of(parse(site_page(_site(EXAMPLE, day="2018-04-01"), "state", Lang.NL)))
    before = [r for r in earlier["rows"] if r["id"] == "paris-return"]  # type: ignore[attr-defined]
    assert [(r["stance"], r["goal"], r["means"], len(r["texts"])) for r in before] == [
        (None, None, None, 1)  # no statement in force: only the titles are searched
    ] * 3


HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)> \"q\" 'a' & <!--"
RTL = "مجلس حقوق الإنسان"
CONTROLS = "bell\x07 escape\x1b[31m override\u202ereversed nul\x00 c1\x85"


def _hostile_site() -> Site:
    source = Source(
        title=HOSTILE,
        kind=HOSTILE,
        quote=f"{HOSTILE} {RTL} {CONTROLS}",
        date="2019-02-03",
        url="javascript:alert(3)",
    )
    record = position_record(
        source,
        id="a-decision",
        title=Localized(HOSTILE, HOSTILE + RTL),
        summary=Localized(CONTROLS, CONTROLS),
        topics=("trade",),
        decision=position_record().decision,
    )
    holders = Holders(names={"NL": Localized(HOSTILE, HOSTILE)}, declared=True)
    return Site([record], holders, "NL", DAY)


def test_hostile_values_are_text_everywhere_and_the_island_gives_them_back_exactly() -> None:
    page = site_page(_hostile_site(), HOSTILE, Lang.EN)
    root = parse(page)
    assert [s.attrs.get("id") for s in root.all("script")] == [None, "data", None]
    assert root.all("img") == []
    assert "<img" not in page
    assert "<!--" not in page
    assert "\x1b" not in page
    assert "\x00" not in page
    assert "\u202e" not in page
    assert "\x85" not in page
    assert external(page) == ["script", "script", "script"]  # no link to javascript:
    row = table_rows(root)[0]
    assert row[1] == HOSTILE + RTL
    assert root.all("h2")[0].words() == HOSTILE + RTL
    assert by_id(root, "f-holder").all("option")[1].words() == f"{HOSTILE} (NL)"
    quote = root.all("blockquote")[0]
    assert quote.attrs == {"dir": "auto"}
    shown_controls = "bell\\u0007 escape\\u001b[31m override\\u202ereversed nul\\u0000 c1\\u0085"
    assert quote.words() == f"{HOSTILE} {RTL} {shown_controls}"
    cite = quote.parent.all("p")[0] if quote.parent else None
    assert cite is not None
    assert cite.words() == (
        f"— {HOSTILE} ({HOSTILE}, 3 February 2019), javascript:alert(3); "
        "not checked against a source text"
    )
    data = data_of(root)
    rows = data["rows"]
    assert isinstance(rows, list)
    assert rows[0]["title"] == HOSTILE + RTL
    island = page.split('<script type="application/json" id="data">')[1].split("</script>")[0]
    assert "<" not in island
    assert ">" not in island
    assert "&" not in island
    assert json.loads(island) == data


def test_the_json_island_escapes_what_could_end_it_or_be_misread() -> None:
    value = {"a": "</script>&<!-- \u2028\u2029\x7f\x85 \ud800 \u202e\u2066 é"}
    text = json_island(value)
    assert text == (
        '{"a": "\\u003c/script\\u003e\\u0026\\u003c!-- \\u2028\\u2029\\u007f\\u0085 '
        '\\ud800 \\u202e\\u2066 é"}'
    )
    assert json.loads(text) == value


def test_search_folds_case_accents_and_spaces() -> None:
    assert fold("  Ëén\n  KOERSWIJZIGING  café ") == "een koerswijziging cafe"
    assert fold("İstanbul Ångström") == "istanbul angstrom"


def test_every_holders_statements_with_names_dates_and_quotes() -> None:
    root = parse(site_page(_site(EXAMPLE, day="2018-04-01"), "state", Lang.EN))
    steel = by_id(root, "pos-steel-tariffs")
    headings = [h.words() for h in steel.all("h4")]
    assert headings == [
        "European Union (EU), since 8 March 2018 until 1 June 2018 (in force 1 April 2018)",
        "the Netherlands (NL), since 8 March 2018 (in force 1 April 2018)",
        "Germany (DE), since 9 March 2018 (in force 1 April 2018)",
        "European Union (EU), since 1 June 2018",
        "the Netherlands (NL), since 1 November 2021",
    ]
    statements = [d for d in steel.all("div") if "statement" in d.attrs.get("class", "")]
    classes = [d.attrs["class"] for d in statements]
    assert classes == [
        "statement in-force",
        "statement in-force",
        "statement in-force",
        "statement",
        "statement",
    ]
    first = statements[0]
    labels = [dt.words() for dt in first.all("dt")]
    assert labels == ["Stance", "Goal shared", "Means differ", "Summary"]
    assert first.all("blockquote")
    assert all(p.words().startswith("— ") for p in first.all("p"))


def test_a_statement_in_force_is_marked_with_its_day() -> None:
    root = parse(site_page(_site(EXAMPLE, day="2022-01-01"), "state", Lang.EN))
    steel = by_id(root, "pos-steel-tariffs")
    marked = [h.words() for h in steel.all("h4") if "(in force" in h.words()]
    assert marked == [
        "Germany (DE), since 9 March 2018 (in force 1 January 2022)",
        "European Union (EU), since 1 June 2018 (in force 1 January 2022)",
        "the Netherlands (NL), since 1 November 2021 (in force 1 January 2022)",
    ]


def test_relations_are_shown_both_ways_and_link_to_the_other_section() -> None:
    root = parse(site_page(_site(EXAMPLE), "state", Lang.EN))
    for ident, words, other in (
        ("paris-return", "reverses paris-withdrawal", "paris-withdrawal"),
        ("paris-withdrawal", "reversed by paris-return", "paris-return"),
    ):
        section = by_id(root, f"pos-{ident}")
        lists = [u for u in section.all("ul") if u.all("a")]
        assert [li.words() for li in lists[0].all("li")] == [words]
        assert [a.attrs["href"] for a in lists[0].all("a")] == [f"#pos-{other}"]


def test_a_source_without_a_text_is_marked_unchecked_and_only_web_addresses_are_links() -> None:
    record = position_record(
        Source("Brief", "kamerbrief", "Wij vinden er iets van.", url="https://example.org/a?b=1&c"),
        Source(
            "Notitie",
            "notitie",
            "Iets.",
            date="2019-05",
            text="texts/n.txt",
            url="file:///x",
            supports=("stance", "goal_shared"),
        ),
        Source("Web", "web", "Iets.", text="t.txt", url="http://[not-an-address"),
    )
    site = Site([record], Holders(), "NL", DAY)
    root = parse(site_page(site, "state", Lang.NL))
    cites = [p for p in root.all("p") if p.attrs.get("class") == "cite"]
    assert [c.words() for c in cites] == [
        "— Brief (kamerbrief, datum niet vermeld), https://example.org/a?b=1&c; "
        "niet getoetst aan een brontekst",
        "— Notitie (notitie, mei 2019), file:///x; onderbouwt: standpunt, doel gedeeld",
        "— Web (web, datum niet vermeld), http://[not-an-address",
    ]
    links = [a.attrs for a in cites[0].all("a")]
    assert links == [{"href": "https://example.org/a?b=1&c", "rel": "noopener noreferrer"}]
    assert cites[1].all("a") == []
    assert cites[2].all("a") == []  # not an address a browser could follow


def test_dutch_labels_everywhere() -> None:
    root = parse(site_page(_site(EXAMPLE, day="2018-04-01"), "Stand.", Lang.NL))
    assert root.all("html")[0].attrs == {"lang": "nl"}
    assert root.all("title")[0].words() == "Register van standpunten"
    heads = [th.words() for th in by_id(root, "positions").all("th")]
    assert heads == [
        "ID",
        "Besluit",
        "Datum",
        "Partij",
        "Standpunt",
        "Doel gedeeld",
        "Middelen verschillen",
        "Onderwerpen",
    ]
    assert table_rows(root)[3][2:5] == ["8 maart 2018", "NL", "kritisch"]
    steel = by_id(root, "pos-steel-tariffs")
    assert [h.words() for h in steel.all("h3")] == ["Mijlpalen", "Standpuntbepalingen"]
    assert steel.all("h4")[0].words() == (
        "Europese Unie (EU), sinds 8 maart 2018 tot 1 juni 2018 (geldend 1 april 2018)"
    )
    assert [dt.words() for dt in steel.all("dl")[0].all("dt")] == [
        "ID",
        "Actor",
        "Datum",
        "Omschrijving",
        "Onderwerpen",
    ]
    assert by_id(root, "f-search").parent is not None
    assert "Zoek in titels" in (by_id(root, "f-search").parent or root).words()
    assert [o.words() for o in by_id(root, "f-goal").all("option")] == [
        "alle",
        "ja",
        "nee",
        "niet vermeld",
    ]
    back = [a.words() for a in steel.all("a") if a.attrs.get("class") == "back"]
    assert back == ["Terug naar de tabel"]
    withdrawal = by_id(root, "pos-paris-withdrawal")
    assert [li.words() for li in withdrawal.all("ul")[-1].all("li")] == [
        "teruggedraaid door paris-return"
    ]


def test_milestones_are_listed_with_long_dates() -> None:
    root = parse(site_page(_site(BUNDLED), "state", Lang.EN))
    steel = by_id(root, "pos-steel-aluminium-tariffs")
    assert [h.words() for h in steel.all("h3")][:2] == ["Milestones", "Statements"]
    items = [li.words() for li in steel.all("ul")[0].all("li")]
    assert items[0].startswith("1 June 2018: ")


def test_history_is_a_table_per_decision_newest_first() -> None:
    site = _site(BUNDLED)
    changes = {
        "jcpoa": [
            HistoryEntry("2026-11-27", "603172a22614", ("topics: iran → iran, <b>x</b>",)),
            HistoryEntry("2026-11-20", "05f1c35e5b9a", ("new position",)),
        ]
    }
    with_history = Site(site.positions, site.holders, site.holder, site.day, changes)
    root = parse(site_page(with_history, "state", Lang.EN))
    jcpoa = by_id(root, "pos-jcpoa")
    tables = jcpoa.all("table")
    assert len(tables) == 1
    assert [th.words() for th in tables[0].all("th")] == ["Date", "Commit", "What changed"]
    rows = [[td.words() for td in tr.all("td")] for tr in tables[0].all("tbody")[0].all("tr")]
    assert rows == [
        ["27 November 2026", "603172a22614", "topics: iran → iran, <b>x</b>"],
        ["20 November 2026", "05f1c35e5b9a", "new position"],
    ]
    assert "History" in [h.words() for h in jcpoa.all("h3")]
    # in git, a decision no commit changed has no history table; outside git none has one
    assert by_id(root, "pos-paris-agreement").all("table") == []
    assert "History" not in [h.words() for h in parse(site_page(site, "s", Lang.EN)).all("h3")]


SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    "<!-- drawn by posities -->\n"
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>{}</title>'
    '<rect x="1" y="1" width="8" height="8"/></svg>\n'
)


def test_inline_svg_drops_the_xml_declaration_and_doctype() -> None:
    assert inline_svg(SVG.format("m")) == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>m</title>'
        '<rect x="1" y="1" width="8" height="8"/></svg>\n'
    )
    assert inline_svg("<svg/>") == "<svg/>\n"


@pytest.mark.parametrize("lang", [Lang.EN, Lang.NL])
def test_the_two_pictures_are_figures_in_the_page(lang: Lang) -> None:
    pictures = pictures_section(SVG.format("matrix"), SVG.format("timeline"), lang)
    page = site_page(_site(BUNDLED), "state", lang, pictures)
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page
    root = parse(page)
    section = by_id(root, "pictures")
    figures = section.all("figure")
    assert [f.attrs["id"] for f in figures] == ["picture-matrix", "picture-timeline"]
    assert [f.all("svg")[0].all("title")[0].words() for f in figures] == ["matrix", "timeline"]
    captions = [f.all("figcaption")[0].words() for f in figures]
    if lang is Lang.NL:
        assert captions == ["Doel gedeeld en middelen verschillen", "Tijdlijn"]
        assert section.all("h2")[0].words() == "Afbeeldingen"
    else:
        assert captions == ["Goal shared and means differ", "Timeline"]
    # between the table and the first decision
    order = [n.attrs.get("id") for n in _every(root) if n.tag in ("table", "section")]
    assert order[:3] == ["positions", "pictures", "pos-paris-agreement"]


def test_a_statement_without_a_summary_says_so() -> None:
    statement = Statement(
        "EU", Stance.SUPPORTS, True, None, "2019-03-01", None, None, (), "2020-01-01", 0
    )
    record = position_record(stances=(statement,))
    site = Site([record], Holders(), "EU", DAY)
    root = parse(site_page(site, "state", Lang.EN))
    eu = next(d for d in root.all("div") if d.attrs.get("data-holder") == "EU")
    assert [dd.words() for dd in eu.all("dd")] == [
        "supports",
        "yes",
        "not stated",
        "no summary given",
    ]
    assert table_rows(root)[0][3:7] == ["EU", "supports", "yes", "not stated"]


def test_a_relation_to_itself_is_not_shown_as_one_towards_it() -> None:
    record = position_record(relations=(Relation("related", "b"),))
    other = position_record(id="b")
    root = parse(site_page(Site([record, other], Holders(), "NL", DAY), "s", Lang.EN))
    b = by_id(root, "pos-b")
    assert [li.words() for li in b.all("ul")[-1].all("li")] == ["related to a-decision"]


def test_a_decision_without_topics_or_with_a_relation_to_itself() -> None:
    record = position_record(topics=(), relations=(Relation("related", "a-decision"),))
    root = parse(site_page(Site([record], Holders(), "NL", DAY), "s", Lang.EN))
    section = by_id(root, "pos-a-decision")
    assert [dt.words() for dt in section.all("dl")[0].all("dt")] == [
        "ID",
        "Actor",
        "Date",
        "Description",
    ]
    assert [li.words() for li in section.all("ul")[-1].all("li")] == ["related to a-decision"]
    assert table_rows(root)[0][7] == ""
