"""Web pages: the text a reader reads, without scripts, navigation, headers, footers and
forms, each block a paragraph, the <main> alone when there is one."""

from __future__ import annotations

import pytest

from posities.core.extract import Extracted, Format, Unreadable, extract
from posities.core.repair import Repairs, repair

PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Kamerbrief | Rijksoverheid.nl</title>
<style>p { color: red }</style><script>var x = "<p>niet dit</p>";</script></head>
<body>
<header><a href="/">Home</a> <nav><a href="/a">Onderwerpen</a></nav></header>
<main>
<h1>Bondgenoten   in onzekere tijden</h1>
<p>In een wereld waarin onzekerheden en instabiliteit groeien, neemt het belang van de
<b>Trans-Atlantische</b> band toe.</p>
<p>Met het aantreden van Donald Trump als 45<sup>e</sup> president van de VS&nbsp;is America
First een belangrijk leidend principe geworden.<br>Een nieuwe regel.</p>
<ul><li>klimaat;</li><li>handel.</li></ul>
<table><tr><td>825.000</td><td>banen</td></tr></table>
<form><label>Zoek</label><input name="q"></form>
<aside>Lees ook</aside>
<pre>  regel een
  regel twee</pre>
</main>
<footer>Contact</footer>
</body></html>
"""


def page_text(html: str | bytes) -> tuple[Extracted, str]:
    data = html.encode() if isinstance(html, str) else html
    found = extract(data, Format.HTML)
    return found, repair(found.pages).text


def test_the_main_text_of_a_page_in_paragraphs() -> None:
    found, text = page_text(PAGE)
    assert text == (
        "Bondgenoten in onzekere tijden\n"
        "\n"
        "In een wereld waarin onzekerheden en instabiliteit groeien, neemt het belang van de "
        "Trans-Atlantische band toe.\n"
        "\n"
        "Met het aantreden van Donald Trump als 45e president van de VS is America First een "
        "belangrijk leidend principe geworden.\n"
        "Een nieuwe regel.\n"
        "\n"
        "• klimaat;\n"
        "\n"
        "• handel.\n"
        "\n"
        "825.000\n"
        "\n"
        "banen\n"
        "\n"
        "regel een\n"
        "regel twee\n"
    )
    assert (found.title, found.extractor, found.warnings) == (
        "Bondgenoten in onzekere tijden",
        "html.parser",
        (),
    )


def test_without_main_the_articles_are_kept_and_the_title_is_the_pages() -> None:
    html = (
        "<html><head><title>Persbericht</title></head><body><div>Menu</div>"
        "<article><p>Eerste.</p></article><div>Reclame</div><article><p>Tweede.</p></article>"
    )
    found, text = page_text(html)
    assert (text, found.title) == ("Eerste.\n\nTweede.\n", "Persbericht")


def test_a_page_of_links_is_warned_of_as_navigation() -> None:
    links = "".join(f'<li><a href="/{n}">Onderwerp nummer {n}</a></li>' for n in range(20))
    found, _ = page_text(f"<html><body><ul>{links}</ul><p>Een zin.</p></body></html>")
    assert found.warnings == ("this page is mostly navigation: 62 words kept; check the text",)


def test_a_page_without_text_is_refused() -> None:
    with pytest.raises(Unreadable, match=r"^no text to extract: .*JavaScript"):
        page_text("<html><head><script>render()</script></head><body><nav>x</nav></body></html>")


def test_the_declared_encoding_is_read() -> None:
    html = '<html><head><meta charset="windows-1252"></head><body><p>één ‘brief’</p></body>'
    found, text = page_text(html.encode("cp1252"))
    assert (text, found.warnings) == ("één ‘brief’\n", ())


def test_an_unclosed_element_to_drop_does_not_swallow_the_page() -> None:
    _, text = page_text("<body><p>Voor.</p><div><nav>Menu</div><p>Na.</p></body>")
    assert text == "Voor.\n\nNa.\n"


def test_line_breaks_after_hyphens_stay_without_evidence() -> None:
    html = (
        "<p>Steun voor de landen.</p><p>Steun voor de land-<br>en tuinbouw en de EU-<br>"
        "lidstaten, de oud-<br>minister en de sociaal-<br>economische raad.</p>"
    )
    found, text = page_text(html)
    assert text == (
        "Steun voor de landen.\n\nSteun voor de land-\nen tuinbouw en de EU-\n"
        "lidstaten, de oud-\nminister en de sociaal-\neconomische raad.\n"
    )
    assert repair(found.pages).repairs == Repairs()


def test_iso_8859_1_is_read_as_windows_1252_as_browsers_do() -> None:
    html = b'<html><head><meta charset="iso-8859-1"></head><body><p>\x93rele\xeb\x94 5\x80</p>'
    found, text = page_text(html)
    assert (text, found.warnings) == ("\u201crele\u00eb\u201d 5\u20ac\n", ())


def test_nul_bytes_are_left_out_with_a_warning() -> None:
    found, text = page_text(b"<p>Voor\x00 na.</p><p>Twee\x00\x00.</p>")
    assert text == "Voor na.\n\nTwee.\n"
    assert found.warnings == ("3 NUL bytes left out: is the page damaged?",)


def test_without_main_banners_skip_links_breadcrumbs_and_menus_are_left_out() -> None:
    html = """<html><head><title>Persbericht</title></head><body>
    <a class="skip-link" href="#inhoud">Ga direct naar inhoud</a>
    <div id="cookie-banner"><p>Wij gebruiken cookies.</p><button>Akkoord</button></div>
    <div role="navigation"><a href="/">Home</a></div>
    <ol class="breadcrumbs"><li><a href="/">Home</a></li><li>Nieuws</li></ol>
    <div class="main-menu"><a href="/a">Onderwerpen</a></div>
    <div id="inhoud"><h1>Nederland veroordeelt de lancering</h1>
    <p>Minister Blok veroordeelt de lancering.</p></div></body></html>"""
    found, text = page_text(html)
    assert text == "Nederland veroordeelt de lancering\n\nMinister Blok veroordeelt de lancering.\n"
    assert found.warnings == ()


def test_numbered_paragraphs_and_items_keep_the_numbers_a_browser_shows() -> None:
    html = """<html lang="nl"><body><main><h1>Conclusies van de Raad over Iran</h1>
    <ol><li>De Raad herhaalt zijn steun.<sup><a href="#fn1">1</a></sup></li>
    <li>De Raad roept Iran op, met inbegrip van:
    <ol type="a"><li>het aanvullend protocol;</li><li>de toegang van inspecteurs.</li></ol>
    </li><li>De Raad zal deze conclusies opnieuw bezien.</li></ol>
    <section class="footnotes"><ol><li id="fn1"><p>Zie de verklaring van 8 mei.</p></li></ol>
    </section></main></body></html>"""
    _, text = page_text(html)
    assert text == (
        "Conclusies van de Raad over Iran\n\n"
        "1. De Raad herhaalt zijn steun.1\n\n"
        "2. De Raad roept Iran op, met inbegrip van:\n\n"
        "a. het aanvullend protocol;\n\n"
        "b. de toegang van inspecteurs.\n\n"
        "3. De Raad zal deze conclusies opnieuw bezien.\n\n"
        "1. Zie de verklaring van 8 mei.\n"
    )


@pytest.mark.parametrize(
    ("list_html", "labels"),
    [
        ('<ol start="4"><li>x</li><li>x</li></ol>', ["4.", "5."]),
        ("<ol reversed><li>x</li><li>x</li><li>x</li></ol>", ["3.", "2.", "1."]),
        ('<ol reversed start="10"><li>x</li><li>x</li></ol>', ["10.", "9."]),
        ('<ol><li>x</li><li value="7">x</li><li>x</li></ol>', ["1.", "7.", "8."]),
        ('<ol reversed><li>x</li><li value="9">x</li><li>x</li></ol>', ["3.", "9.", "8."]),
        ('<ol type="A" start="26"><li>x</li><li>x</li></ol>', ["Z.", "AA."]),
        ('<ol type="i" start="3"><li>x</li><li>x</li></ol>', ["iii.", "iv."]),
        ('<ol type="I" start="1999"><li>x</li></ol>', ["MCMXCIX."]),
        ('<ol type="a" start="0"><li>x</li><li>x</li></ol>', ["0.", "a."]),
        ('<ol type="I" start="4000"><li>x</li></ol>', ["4000."]),
        ('<ol start="-1"><li>x</li><li>x</li></ol>', ["-1.", "0."]),
        ('<ol start=" 2 items"><li>x</li></ol>', ["2."]),
        ('<ol start="twee"><li>x</li></ol>', ["1."]),
        ('<ol><li type="a">x</li><li>x</li></ol>', ["a.", "2."]),
        ('<ul><li>x</li><li type="1">x</li></ul>', ["•", "2."]),
        ('<ol type="a"><li>x</li></ol><ol type="a"><li>x</li></ol>', ["a.", "a."]),
        ("<li>x</li>", ["•"]),
        (f'<ol start="{"9" * 5000}"><li>x</li></ol>', ["1."]),  # no number to a browser
        (f'<ol><li value="{"9" * 4400}">x</li></ol>', ["1."]),
        ('<ol start="99999999999999999999"><li>x</li></ol>', ["1."]),
        ('<ol reversed start="2147483648"><li>x</li><li>x</li></ol>', ["2.", "1."]),
        (
            '<ol start="2147483646"><li>x</li><li>x</li><li>x</li></ol>',
            [
                "2147483646.",
                "2147483647.",
                "2147483647.",
            ],
        ),
        ('<ol start="0002147483647"><li>x</li></ol>', ["2147483647."]),
    ],
)
def test_an_ordered_list_numbers_as_its_attributes_say(list_html: str, labels: list[str]) -> None:
    _, text = page_text(f"<body>{list_html}</body>")
    assert text == "".join(f"{label} x\n\n" for label in labels)[:-1]


def test_nested_lists_number_on_their_own_and_bullets_are_one_mark() -> None:
    html = """<ol><li>Eerste<ol><li>een</li><li>twee<ul><li>rond</li></ul></li></ol></li>
    <li>Tweede</li></ol>
    <ul type="square"><li>Sancties<ul><li>primaire;</li><li>secundaire.</li></ul></li>
    <li><ol><li>genest zonder eigen tekst</li></ol></li></ul>"""
    _, text = page_text(html)
    assert text.split("\n\n") == [
        "1. Eerste",
        "1. een",
        "2. twee",
        "• rond",
        "2. Tweede",
        "• Sancties",
        "• primaire;",
        "• secundaire.",
        "• 1. genest zonder eigen tekst\n",
    ]


def test_items_without_end_tags_and_empty_items_count_without_a_label_of_their_own() -> None:
    _, text = page_text("<ol><li>een<li><li><p>drie</p><li>vier</ol><p>Na.</p>")
    assert text == "1. een\n\n3. drie\n\n4. vier\n\nNa.\n"


@pytest.mark.parametrize(
    ("list_html", "labels"),
    [
        ('<ol style="list-style: none"><li>x</li><li>x</li></ol>', ["", ""]),
        ('<ul style="list-style-type:none !important"><li>x</li></ul>', [""]),
        ('<ul type="NONE"><li>x</li></ul>', [""]),
        ('<ol><li style="list-style: none">x</li><li>x</li></ol>', ["", "2."]),
        ('<ol style="LIST-STYLE: inside NONE"><li>x</li></ol>', [""]),
        ('<ol style="list-style: none"><li>x<ol><li>x</li></ol></li></ol>', ["", "1."]),
        ('<ol type="a" style="list-style-type: upper-roman"><li>x</li></ol>', ["I."]),
        ('<ol style="list-style: lower-alpha inside"><li>x</li></ol>', ["a."]),
        ('<ol style="list-style: inside"><li>x</li></ol>', ["•"]),
        ('<ol style="list-style-type: decimal-leading-zero"><li>x</li></ol>', ["01."]),
        ('<ol style="list-style-type: lower-greek" start="3"><li>x</li></ol>', ["γ."]),
        ('<ol style="list-style-type: georgian"><li>x</li></ol>', ["1."]),
        ("<ul style=\"list-style-type: '– '\"><li>x</li></ul>", ["–"]),
        ('<ul style="color: red"><li>x</li></ul>', ["•"]),
    ],
)
def test_an_inline_list_style_sets_or_removes_the_markers(
    list_html: str, labels: list[str]
) -> None:
    _, text = page_text(f"<body>{list_html}</body>")
    assert text == "".join(f"{label} x\n\n".lstrip() for label in labels)[:-1]


def test_markers_are_not_counted_as_words_of_a_page_of_links() -> None:
    links = "".join(f'<li><a href="/{n}">Onderwerp {n}</a></li>' for n in range(20))
    found, text = page_text(f"<html><body><ol>{links}</ol><p>Een zin.</p></body></html>")
    assert text.startswith("1. Onderwerp 0\n\n2. Onderwerp 1\n")
    assert found.warnings == ("this page is mostly navigation: 42 words kept; check the text",)


@pytest.mark.parametrize(
    ("lang", "quoted"),
    [
        (None, "“een ‘twee ‘drie’’”"),
        ("en-GB", "“een ‘twee ‘drie’’”"),
        ("nl", "‘een ‘twee ‘drie’’’"),
        ("NL-be", "‘een ‘twee ‘drie’’’"),
        ("de", "„een ‚twee ‚drie‘‘“"),
        ("fr", "«een «twee «drie»»»"),
        ("fr-CH", "«een ‹twee ‹drie››»"),
        ("xx", "“een ‘twee ‘drie’’”"),
    ],
)
def test_a_quotation_gets_the_marks_chromium_draws_for_its_language(
    lang: str | None, quoted: str
) -> None:
    html = f"<html{f' lang={lang!r}' if lang else ''}><body><p>Zij zei: "
    _, text = page_text(html + "<q>een <q>twee <q>drie</q></q></q>.</p></body></html>")
    assert text == f"Zij zei: {quoted}.\n"


def test_a_quotation_takes_the_language_of_its_nearest_element_with_one() -> None:
    html = """<html lang="nl"><body><main><h1><q>Bondgenoten</q> in onzekere tijden</h1>
    <div lang="en"><p>The minister: <q>a deal <q>is</q> a deal</q>.</p>
    <p lang="">Geen taal: <q>ja</q>.</p></div>
    <ol><li><q>Citaat</q> in een lijst.</li></ol>
    <p>De minister zei: <q>een akkoord is zo sterk als <q>de naleving</q></q>.</p>
    <nav><q>menu</q></nav><p>Na <q>de <b>navigatie</b></q></p></main></body></html>"""
    found, text = page_text(html)
    assert text == (
        "‘Bondgenoten’ in onzekere tijden\n\n"
        "The minister: “a deal ‘is’ a deal”.\n\n"
        "Geen taal: “ja”.\n\n"
        "1. ‘Citaat’ in een lijst.\n\n"
        "De minister zei: ‘een akkoord is zo sterk als ‘de naleving’’.\n\n"
        "Na ‘de navigatie’\n"
    )
    assert found.title == "‘Bondgenoten’ in onzekere tijden"


def test_definition_lists_give_each_term_and_description_a_paragraph() -> None:
    html = """<dl><dt>E3<dd>Frankrijk, Duitsland en het Verenigd Koninkrijk.<dt>IAEA<dt>IAEO
    <dd><p>Het Internationaal Atoomenergieagentschap.</p><p>Zetel: Wenen.</p>
    <dd>Toezicht op <ul><li>het akkoord<li>het protocol</ul> sinds 2016.</dl>
    <dl><div><dt>JCPOA</dt><dd>Het akkoord.</dd></div></dl><p>Na de lijst.</p>"""
    _, text = page_text(html)
    assert text.split("\n\n") == [
        "E3",
        "Frankrijk, Duitsland en het Verenigd Koninkrijk.",
        "IAEA",
        "IAEO",
        "Het Internationaal Atoomenergieagentschap.",
        "Zetel: Wenen.",
        "Toezicht op",
        "• het akkoord",
        "• het protocol",
        "sinds 2016.",
        "JCPOA",
        "Het akkoord.",
        "Na de lijst.\n",
    ]


def test_nested_lists_without_end_tags_are_not_run_together() -> None:
    html = "<p>Tekst<ul><li>Sancties<ul><li>primaire<li>secundaire</ul><li>Handel</ul>meer</p>"
    _, text = page_text(html)
    assert text.split("\n\n") == [
        "Tekst",
        "• Sancties",
        "• primaire",
        "• secundaire",
        "• Handel",
        "meer\n",
    ]


def test_every_element_a_browser_shows_as_a_block_is_a_paragraph() -> None:
    html = """<div>Voor<center>Midden</center>na.</div>
    <div>Titel<hgroup><p>Ondertitel</p></hgroup></div>
    <fieldset><legend>Keuze</legend>Een keuze.</fieldset>
    <div>Opdrachten<menu style="list-style: none"><li>Opslaan</li></menu>
    <dir><li>Map</li></dir>Einde<search>Zoeken</search></div>"""
    _, text = page_text(html)
    assert text.split("\n\n") == [
        "Voor",
        "Midden",
        "na.",
        "Titel",
        "Ondertitel",
        "Keuze",
        "Een keuze.",
        "Opdrachten",
        "Opslaan",
        "• Map",
        "Einde",
        "Zoeken\n",
    ]
