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
        "klimaat;\n"
        "\n"
        "handel.\n"
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
