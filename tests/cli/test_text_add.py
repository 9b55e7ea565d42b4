"""`posities text add FILE`: a document made a source text of the register, with its provenance
and original beside it; every bad input refused with what to do, and nothing half-written."""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posities.core import textadd

from ..conftest import invoke, write
from ..documents import Line, docx_bytes, letter_pdf, pdf, scanned_pdf

SLUG = "bondgenoten-in-onzekere-tijden"
TEXT = f"positions/texts/{SLUG}.txt"
LETTER_QUOTE = (
    "Dat neemt niet weg dat de VS een aantal stappen heeft genomen die voor Nederland en "
    "andere Europese partners teleurstellend zijn, en die een koerswijziging betekent ten "
    "opzichte van eerdere Amerikaanse posities."
)


def files(register: Path) -> list[str]:
    """Every file under the register's texts/ folder, hidden ones too."""
    top = register / "texts"
    return sorted(p.relative_to(register).as_posix() for p in top.rglob("*") if p.is_file())


def provenance(register: Path, slug: str = SLUG) -> dict[str, object]:
    return tomllib.loads((register / f"texts/{slug}.source.toml").read_text(encoding="utf-8"))


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    """The bundled letter's first page and a half as a PDF, outside the register."""
    path = tmp_path / "Kamerbrief bondgenoten.pdf"
    path.write_bytes(letter_pdf())
    return path


def test_text_add_writes_the_text_its_provenance_and_the_original(
    runner: CliRunner, empty_register: Path, letter: Path
) -> None:
    code, out, err = invoke(
        runner, "text", "add", str(letter), "--kind", "kamerbrief", "--date", "2018-07-12"
    )
    assert (code, out) == (0, "")
    assert err == (
        f"wrote {TEXT}: 56 lines, 548 words from {letter} (pdf, pdfminer.six)\n"
        f"wrote positions/texts/{SLUG}.source.toml\n"
        f"wrote positions/texts/originals/{SLUG}.pdf\n"
        "repairs: 4 header/footer lines dropped\n"
        "dropped: 'Ministerie van Buitenlandse Zaken', 2 times; 'Pagina 1 van 2' and the like, "
        "2 times\n"
        f"next: quote it: posities quote find 'PHRASE' --text {SLUG}, or "
        f"posities add-source ID --source-text {SLUG} --find 'PHRASE'\n"
    )
    assert files(empty_register) == [
        f"texts/{SLUG}.source.toml",
        f"texts/{SLUG}.txt",
        f"texts/originals/{SLUG}.pdf",
    ]
    import pdfminer

    from posities.model.dates import today

    assert provenance(empty_register) == {
        "original": "Kamerbrief bondgenoten.pdf",
        "sha256": hashlib.sha256(letter.read_bytes()).hexdigest(),
        "format": "pdf",
        "extractor": "pdfminer.six",
        "extractor_version": pdfminer.__version__,
        "title": "Bondgenoten in onzekere tijden",
        "kind": "kamerbrief",
        "date": "2018-07-12",
        "added": today(),
        "kept": f"texts/originals/{SLUG}.pdf",
        "repairs": {
            "hyphenations": 0,
            "hyphens_kept": 0,
            "ligatures": 0,
            "ordinals": 0,
            "headers_footers": 4,
            "soft_hyphens": 0,
            "spaces": 0,
        },
    }
    kept = empty_register / f"texts/originals/{SLUG}.pdf"
    assert kept.read_bytes() == letter.read_bytes()
    text = (empty_register / f"texts/{SLUG}.txt").read_text(encoding="utf-8")
    assert text.startswith("Bondgenoten in onzekere tijden\n\nIn een wereld waarin")
    assert text.endswith("worden versterkt en verbeterd – maar niet over de weg ernaartoe.\n")


def test_a_text_added_from_a_pdf_is_quoted_with_quote_find_and_add_source(
    runner: CliRunner, bundled: Path, letter: Path
) -> None:
    code, _, err = invoke(runner, "text", "add", str(letter), "--id", "brief-pdf")
    assert code == 0, err
    code, out, _ = invoke(
        runner,
        "quote",
        "find",
        "stappen teleurstellend koerswijziging",
        "-n",
        "1",
        "--text",
        "texts/brief-pdf.txt",
    )
    assert (code, out) == (0, f"positions/texts/brief-pdf.txt:44  score 0.79\n{LETTER_QUOTE}\n")
    code, _, err = invoke(
        runner,
        "add-source",
        "jcpoa",
        "--source-title",
        "Bondgenoten in onzekere tijden",
        "--source-kind",
        "kamerbrief",
        "--find",
        "aantreden Donald Trump 45e president",
        "--source-text",
        "texts/brief-pdf.txt",
    )
    assert code == 0, err
    assert err.endswith(
        "  quote from positions/texts/brief-pdf.txt:7: 'Met het aantreden van Donald Trump als "
        "45e president van de VS is America First een belangrijk leidend principe geworden van "
        "het Amerikaanse buitenlands beleid.'\n"
    )
    assert invoke(runner, "check")[0] == 0


def test_an_existing_text_is_never_overwritten_unless_replaced(
    runner: CliRunner, empty_register: Path, letter: Path
) -> None:
    invoke(runner, "text", "add", str(letter))
    before = files(empty_register)
    code, out, err = invoke(runner, "text", "add", str(letter))
    assert (code, out) == (2, "")
    assert err == (
        f"error: a source text '{SLUG}' exists already ({TEXT}); give another with --id SLUG, "
        "or --replace to extract it again\n"
    )
    assert files(empty_register) == before
    code, _, err = invoke(runner, "text", "add", str(letter), "--id", "brief-2018")
    assert code == 0
    assert err.startswith("wrote positions/texts/brief-2018.txt: 56 lines")
    code, _, err = invoke(runner, "text", "add", str(letter), "--replace", "--no-keep")
    assert code == 0
    assert err.splitlines()[:2] == [
        f"replaced {TEXT}: 56 lines, 548 words from {letter} (pdf, pdfminer.six)",
        f"replaced positions/texts/{SLUG}.source.toml",
    ]
    assert "kept" not in provenance(empty_register)
    assert files(empty_register) == [
        "texts/bondgenoten-in-onzekere-tijden.source.toml",
        "texts/bondgenoten-in-onzekere-tijden.txt",
        "texts/brief-2018.source.toml",
        "texts/brief-2018.txt",
        "texts/originals/brief-2018.pdf",
    ]


def test_the_title_defaults_to_the_file_name_and_sets_the_slug(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "Persbericht Raad 12-07.txt", "De Raad besluit.\n")
    code, _, err = invoke(runner, "text", "add", str(path))
    assert code == 0
    assert err.startswith("wrote positions/texts/persbericht-raad-12-07.txt: 1 line, 3 words")
    assert provenance(empty_register, "persbericht-raad-12-07")["title"] == "Persbericht Raad 12-07"
    assert provenance(empty_register, "persbericht-raad-12-07")["kind"] == "document"
    code, _, err = invoke(runner, "text", "add", str(path), "--title", "Conclusies Raad: Één EU")
    assert code == 0
    assert err.startswith("wrote positions/texts/conclusies-raad-een-eu.txt")
    assert "date" not in provenance(empty_register, "conclusies-raad-een-eu")


def test_a_kept_plain_text_original_is_not_searched_as_a_text(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "notitie.txt", "Een notitie over de Mensenrechtenraad.\n")
    assert invoke(runner, "text", "add", str(path))[0] == 0
    assert (bundled / "texts/originals/notitie.txt").is_file()
    code, out, _ = invoke(runner, "quote", "find", "notitie mensenrechtenraad", "-f", "json")
    assert code == 0
    assert '"text": "texts/originals/' not in out
    assert '"text": "texts/notitie.txt"' in out


def test_html_and_word_documents(runner: CliRunner, empty_register: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path,
        "pagina.html",
        "<html><head><title>Verklaring</title></head><body><nav><a href='/'>Home</a></nav>"
        "<main><h1>Verklaring van de Raad</h1><p>De Raad betreurt het besluit.</p></main>",
    )
    code, _, err = invoke(runner, "text", "add", str(page), "--kind", "press-statement")
    assert code == 0
    assert err.startswith(
        "wrote positions/texts/verklaring-van-de-raad.txt: 3 lines, 9 words from "
        f"{page} (html, html.parser)\n"
    )
    word = tmp_path / "brief.docx"
    word.write_bytes(docx_bytes(["Een brief.", "Tweede alinea."], title="Brief aan de Kamer"))
    code, _, err = invoke(runner, "text", "add", str(word))
    assert code == 0
    assert err.startswith("wrote positions/texts/brief-aan-de-kamer.txt: 3 lines, 4 words")
    assert {
        "texts/originals/brief-aan-de-kamer.docx",
        "texts/originals/verklaring-van-de-raad.html",
    } <= set(files(empty_register))


def test_warnings_come_before_the_next_step(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "oud.txt", "Een brief uit 1998 – één.\n".encode("cp1252"))
    code, _, err = invoke(runner, "text", "add", str(path))
    assert code == 0
    assert err.splitlines()[-2:] == [
        "warning: not UTF-8 (byte 19 is not): read as Windows-1252 (cp1252); check its accents "
        "and quote marks",
        "next: quote it: posities quote find 'PHRASE' --text oud, or "
        "posities add-source ID --source-text oud --find 'PHRASE'",
    ]
    assert (empty_register / "texts/oud.txt").read_text(encoding="utf-8") == (
        "Een brief uit 1998 – één.\n"
    )


def test_a_plain_text_file_is_taken_as_written_and_says_so(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    text = (
        "De samenwerking.\n\nSteun voor de land-\nen tuinbouw, de samen-\nwerking en de\n"
        "12 landen.\n"
    )
    path = write(tmp_path, "steun.txt", text)
    code, _, err = invoke(runner, "text", "add", str(path))
    assert code == 0
    assert err.splitlines()[3] == (
        "repairs: none needed; a plain-text file is taken as written (its line-end hyphens are "
        "left as they are)"
    )
    assert (empty_register / "texts/steun.txt").read_text(encoding="utf-8") == text


def test_words_left_broken_at_line_ends_are_counted_and_shown(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    lines = ["Het kabinet betreurt de maat-", "regelen en steunt de samen-", "werking in de regio."]
    path = tmp_path / "nota.pdf"
    path.write_bytes(pdf([[Line(text, 72, 700 - 14 * n) for n, text in enumerate(lines)]]))
    code, _, err = invoke(runner, "text", "add", str(path))
    assert code == 0
    assert err.splitlines()[3:5] == [
        "repairs: none needed",
        "left as printed: 2 words broken after a hyphen at a line end that the document never "
        "writes whole or hyphenated elsewhere ('maat- regelen', 'samen- werking'); a quote "
        "matches them either way; see them with posities text show nota",
    ]
    code, out, _ = invoke(runner, "quote", "find", "betreurt de maatregelen", "--text", "nota")
    assert code == 0
    assert "Het kabinet betreurt de maatregelen en steunt de samenwerking" in out
    many = [f"woord{n}-" for n in range(7)]
    summary = textadd.unsure_summary([f"{w} deel" for w in many], "x")
    assert (summary.count("'"), ", …);" in summary) == (10, True)
    assert textadd.unsure_summary(["a- b"], "x").startswith("left as printed: 1 word broken")


def test_a_file_name_that_is_not_utf8_names_the_text_with_a_warning(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    path = tmp_path / os.fsdecode(b"brief\xff.txt")
    path.write_text("De Raad besluit.\n", encoding="utf-8")
    code, out, err = invoke(runner, "text", "add", str(path))
    assert (code, out) == (0, "")
    assert (
        "warning: the file's name is not UTF-8: recorded as 'brief\ufffd.txt', with U+FFFD for "
        "the bytes that are not; give --title to name the text\n"
    ) in err
    assert provenance(empty_register, "brief")["title"] == "brief\ufffd"
    assert provenance(empty_register, "brief")["original"] == "brief\ufffd.txt"


def test_temporary_files_a_killed_text_add_left_are_cleaned_up(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    originals = empty_register / "texts/originals"
    originals.mkdir(parents=True)
    stale = originals / ".oud.pdf.99999999999999999999.posities-tmp"
    stale.write_bytes(b"%PDF-")
    path = write(tmp_path, "notitie.txt", "Een notitie.\n")
    assert invoke(runner, "text", "add", str(path))[0] == 0
    assert not stale.exists()


def test_a_text_add_stopped_half_way_is_named_by_readers_and_finished_by_the_next(
    runner: CliRunner, empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from posities.io import atomic

    first = write(tmp_path, "brief.txt", "Eerste versie.\n")
    assert invoke(runner, "text", "add", str(first))[0] == 0
    second = write(tmp_path, "brief.html", "<p>Tweede versie.</p>")
    real = os.replace

    def stopped(source: str, target: str) -> None:
        if str(target).endswith("brief.txt"):  # the provenance and original are in place
            raise PermissionError(13, "Permission denied")
        real(source, target)

    with monkeypatch.context() as patched:
        patched.setattr(atomic.os, "replace", stopped)
        code, out, err = invoke(runner, "text", "add", str(second), "--replace")
    assert (code, out) == (1, "")
    assert err == (
        "error: cannot put positions/texts/brief.txt in place: permission denied (is the file or "
        "its folder read-only?); the text is half replaced until posities text add runs again "
        "and finishes it\n"
    )
    assert (empty_register / "texts/brief.txt").read_text(encoding="utf-8") == "Eerste versie.\n"
    journal = f"positions/texts/.brief.{os.getpid()}.posities-journal"
    warning = (
        f"{journal}: warning: a text add of 'brief' was stopped while it put its files in "
        "place: the text, its provenance and its original may be part old, part new until "
        "posities text add runs again and finishes it\n"
    )
    code, _, err = invoke(runner, "text", "list")
    assert (code, err) == (0, warning)
    code, out, _ = invoke(runner, "check")
    assert code == 0
    assert warning in out
    other = write(tmp_path, "notitie.txt", "Een notitie.\n")
    assert invoke(runner, "text", "add", str(other))[0] == 0
    assert (empty_register / "texts/brief.txt").read_text(encoding="utf-8") == "Tweede versie.\n"
    assert provenance(empty_register, "brief")["format"] == "html"
    assert files(empty_register) == [
        "texts/brief.source.toml",
        "texts/brief.txt",
        "texts/notitie.source.toml",
        "texts/notitie.txt",
        "texts/originals/brief.html",
        "texts/originals/notitie.txt",
    ]
    assert invoke(runner, "text", "list")[2] == ""


def test_a_document_title_loses_its_soft_hyphens_and_hidden_characters(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    page = write(
        tmp_path,
        "p.html",
        "<html><head><title>Samen&shy;werking\u202e met de VS</title></head><body>"
        "<p>Tekst.</p></body></html>",
    )
    assert invoke(runner, "text", "add", str(page))[0] == 0
    assert provenance(empty_register, "samenwerking-met-de-vs")["title"] == (
        "Samenwerking met de VS"
    )


# --- bad input -----------------------------------------------------------------------------------


def refused(runner: CliRunner, register: Path, *args: str) -> tuple[int, str]:
    """Run text add, which must fail, write nothing and leave no temporary file; its exit code
    and message."""
    before = files(register) if (register / "texts").is_dir() else []
    code, out, err = invoke(runner, "text", "add", *args)
    assert code in (1, 2)
    assert out == ""
    after = files(register) if (register / "texts").is_dir() else []
    assert after == before
    return code, err


def test_an_encrypted_pdf(runner: CliRunner, empty_register: Path, tmp_path: Path) -> None:
    path = tmp_path / "geheim.pdf"
    path.write_bytes(pdf([[Line("Geheim.", 72, 700)]], password="geheim"))
    assert refused(runner, empty_register, str(path)) == (
        1,
        f"error: {path}: encrypted: it needs a password to open; save an unencrypted copy (for "
        "example print it to PDF from a viewer that opens it) and add that\n",
    )


def test_a_scanned_pdf(runner: CliRunner, empty_register: Path, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf())
    assert refused(runner, empty_register, str(path)) == (
        1,
        f"error: {path}: there is no text layer to extract (a scan, or pictures of text): OCR "
        "it first, e.g. with ocrmypdf, and add the PDF it makes\n",
    )


def test_a_scan_whose_only_text_is_its_page_numbers(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    path = tmp_path / "scan.pdf"
    pages = [[Line(f"Pagina {n} van 3", 270, 40, 8)] for n in range(1, 4)]
    path.write_bytes(pdf(pages, picture_pages=range(3)))
    assert refused(runner, empty_register, str(path)) == (
        1,
        f"error: {path}: holds no text to extract (pages 1, 2, 3 show pictures but little or no "
        "text (scanned?): their text is missing; OCR the PDF (e.g. with ocrmypdf) and add it "
        "again with --replace)\n",
    )


def test_a_damaged_pdf(runner: CliRunner, empty_register: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "kapot.pdf", letter_pdf()[:5000])
    code, err = refused(runner, empty_register, str(path))
    assert code == 1
    assert err == (
        f"error: {path}: cannot read this PDF, it may be damaged or cut short: damaged or "
        "incomplete (a broken download?), it has no startxref or %%EOF at its end; download it "
        "again, or save a new copy from a viewer that opens it\n"
    )


def test_a_file_of_zeros_named_pdf_is_refused_at_once(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    path = tmp_path / "download.pdf"
    with open(path, "wb") as file:
        file.truncate(20 * 1024 * 1024)
    code, err = refused(runner, empty_register, str(path))
    assert code == 1
    assert err == (
        f"error: {path}: cannot read this PDF, it may be damaged or cut short: damaged or "
        "incomplete (a broken download?), it does not start with %PDF-; download it again, or "
        "save a new copy from a viewer that opens it\n"
    )


def test_an_unknown_format(runner: CliRunner, empty_register: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "foto.jpg", b"\xff\xd8\xff\xe0 JFIF")
    assert refused(runner, empty_register, str(path)) == (
        1,
        f"error: {path}: not a format text add reads: give a PDF, HTML, Word (.docx) or plain "
        "text (.txt) file\n",
    )
    old = write(tmp_path, "brief.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert refused(runner, empty_register, str(old)) == (
        1,
        f"error: {old}: an old Word .doc (or an encrypted Office file): save it as .docx or PDF\n",
    )


def test_an_empty_file(runner: CliRunner, empty_register: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "leeg.pdf", b"")
    assert refused(runner, empty_register, str(path)) == (
        1,
        f"error: {path}: is empty (0 bytes); is the download complete?\n",
    )
    blank = write(tmp_path, "blanco.txt", " \n\n\u00a0\n")
    assert refused(runner, empty_register, str(blank)) == (
        1,
        f"error: {blank}: holds no text to extract\n",
    )


def test_a_file_too_large_is_refused_before_it_is_read(
    runner: CliRunner, empty_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "groot.pdf"
    with open(path, "wb") as file:
        file.truncate(201 * 1024 * 1024)  # sparse: nothing is written, nothing read
    monkeypatch.setattr("builtins.open", None)  # reading it would fail the test
    assert refused(runner, empty_register, str(path)) == (
        1,
        f"error: {path}: 201 MB, over the 200 MB a document may be; is it a scan? Save the "
        "text pages alone (or an OCR'd, compressed copy) and add that\n",
    )


def test_a_folder_a_missing_file_and_a_text_of_the_register(
    runner: CliRunner, bundled: Path, tmp_path: Path
) -> None:
    assert refused(runner, bundled, str(tmp_path)) == (
        2,
        f"error: {tmp_path}: is a folder; give the document's file\n",
    )
    assert refused(runner, bundled, "nergens.pdf") == (2, "error: nergens.pdf: no such file\n")
    code, err = refused(runner, bundled, "")
    assert code == 2
    assert "give the document's file" in err
    assert refused(runner, bundled, "https://www.rijksoverheid.nl/brief.pdf") == (
        2,
        "error: 'https://www.rijksoverheid.nl/brief.pdf' is a web address: text add reads "
        "files; save the page or download the document first, then add the file\n",
    )
    inside = f"positions/texts/{SLUG}.txt"
    assert refused(runner, bundled, inside) == (
        2,
        f"error: {inside}: is in the register's texts/ folder already; add a document from "
        "outside the register (a .txt there is a source text as it is)\n",
    )


@pytest.mark.parametrize(
    ("option", "value", "what"),
    [
        ("--title", "Brief\x1b[31m", "an escape character U+001B (terminal escape sequence)"),
        ("--title", "Brief\x07", "a control character U+0007"),
        ("--title", "Brief\u202e", "an invisible bidirectional-text control U+202E"),
    ],
)
def test_a_title_with_control_or_bidi_characters_is_refused(
    runner: CliRunner, empty_register: Path, tmp_path: Path, option: str, value: str, what: str
) -> None:
    path = write(tmp_path, "notitie.txt", "Een notitie.\n")
    code, err = refused(runner, empty_register, str(path), option, value)
    assert code == 2
    assert err.endswith(f": holds {what}; type it as plain text\n")


def test_a_binary_file_named_txt_is_not_text(
    runner: CliRunner, empty_register: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "data.txt", b"PK\x00\x01\x02binary\x00\x00")
    code, err = refused(runner, empty_register, str(path))
    assert code == 1
    assert err == (
        f"error: {path}: not text: it holds 5 control characters (NUL bytes among them?), as a "
        "binary file does; give the document itself (PDF, HTML, Word or plain text)\n"
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            ["--kind", "Kamer Brief"],
            "error: Invalid value: --kind 'Kamer Brief': use kebab-case",
        ),
        (["--date", "12-07-2018"], "error: --date '12-07-2018': expected a date as YYYY-MM-DD"),
        (["--id", "Brief_2018"], "error: --id 'Brief_2018': use kebab-case"),
    ],
)
def test_bad_options_are_refused_before_the_file_is_read(
    runner: CliRunner, empty_register: Path, letter: Path, option: list[str], message: str
) -> None:
    code, err = refused(runner, empty_register, str(letter), *option)
    assert code == 2
    assert err.startswith(message.replace("Invalid value: ", ""))


def test_nothing_is_written_when_one_of_the_files_cannot_be(
    runner: CliRunner, empty_register: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from posities.io import atomic

    real = atomic._write_new

    def failing(path: Path, *args: object, **kwargs: object) -> None:
        if ".pdf." in path.name:
            raise OSError(28, "No space left on device", str(path))
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "_write_new", failing)
    (empty_register / "texts").mkdir()
    code, err = refused(runner, empty_register, str(letter))
    assert (code, err) == (
        1,
        f"error: cannot write positions/texts/originals/{SLUG}.pdf: the disk is full; nothing "
        "was added\n",
    )
    assert os.listdir(empty_register / "texts") == ["originals"]


def test_without_a_register(runner: CliRunner, letter: Path) -> None:
    code, out, err = invoke(runner, "text", "add", str(letter))
    assert (code, out) == (2, "")
    assert err.startswith("error: no register found")


def test_slugs() -> None:
    assert textadd.slugify("Bondgenoten in onzekere tijden") == SLUG
    assert textadd.slugify("Conclusions du Conseil: l'Œuvre — Straße") == (
        "conclusions-du-conseil-l-oeuvre-strasse"
    )
    assert len(textadd.slugify("woord " * 30)) <= textadd.MAX_SLUG
    assert textadd.slugify("woord " * 30).endswith("woord")
    assert textadd.slugify("日本語") == ""


def test_provenance_strings_are_escaped() -> None:
    value = 'Een "titel"\\ met\ttab en \x01'
    assert tomllib.loads(f"t = {textadd.toml_string(value)}") == {"t": value}


def test_the_running_lines_dropped_are_named_when_they_are_few() -> None:
    assert textadd.dropped_summary([]) is None
    assert textadd.dropped_summary(["- 1 -", "Kamerbrief", "- 2 -"]) == (
        "'- 1 -' and the like, 2 times; 'Kamerbrief', once"
    )
    many = [f"Regel {word}" for word in ["een", "twee", "drie", "vier", "vijf", "zes", "zes"]]
    assert textadd.dropped_summary([*many, "Regel zeven"]) == (
        "'Regel een', once; 'Regel twee', once; 'Regel drie', once; 'Regel vier', once; "
        "'Regel vijf', once; and 3 other lines of 2 more kinds"
    )
    assert textadd.dropped_summary(many[:6]).endswith("; and 1 other line of 1 more kind")  # type: ignore[union-attr]
