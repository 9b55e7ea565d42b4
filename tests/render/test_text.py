"""Output safety: Markdown tables keep their columns and text, CSV cells stay text."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from posities.render.text import markdown_table, md

NASTY = [
    "a | b",
    "back\\slash \\| pipe",
    "line\nbreak\r\nand more",
    "*bold* _em_ **x**",
    "<script>alert(1)</script> <b>x</b>",
    "[link](http://example.com) ![img](x.png)",
    "`code` ``more``",
    "~~strike~~ ^sup^ ~sub~ $x$",
    "&amp; &lt; &#124;",
    "[^1] footnote [^x]: def",
    ":smile: [red]markup[/] [link=http://x]y[/link]",
    "trailing backslash \\",
]

# Text a record can hold: validation refuses control characters and surrogates.
record_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\u0085"
    ),
    max_size=40,
)


def cells_of(markdown: str) -> list[list[str]]:
    """The text of each cell of the first table, as GitHub-flavoured Markdown renders it."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    table: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            table.append([])
        elif token.type == "inline" and table:
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            table[-1].append("".join(parts))
    return table


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("text", NASTY)
def test_markdown_cells_keep_columns_and_text(text: str) -> None:
    table = cells_of(markdown_table(["a", "b", "c"], [[md(text), md(text), "x"]]))
    assert table == [["a", "b", "c"], [one_line(text), one_line(text), "x"]]


@settings(max_examples=300)
@given(st.lists(record_text, min_size=1, max_size=4))
def test_any_record_text_keeps_its_cell(texts: list[str]) -> None:
    heads = [f"h{i}" for i in range(len(texts))]
    table = cells_of(markdown_table(heads, [[md(t) for t in texts]]))
    assert table == [heads, [one_line(t) for t in texts]]


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_sees_the_same_columns() -> None:
    doc = markdown_table(["a", "b", "c"], [[md(t), md(t), "end"] for t in NASTY])
    html = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "html"],
        input=doc,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = html.split("<tr")[1:]
    assert len(rows) == len(NASTY) + 1
    for row in rows:
        assert row.count("<td") + row.count("<th") == 3
        assert "<script" not in row
        assert "<strong>" not in row
        assert "<em>" not in row
        assert "<a " not in row


@pytest.mark.parametrize(
    "text",
    ["# Kop van de brief", "## Kop", "- Nederland steunt dit niet.", "+ punt", "1986. Dat jaar",
     "12) twaalf", "---", "===", "> citaat"],
)  # fmt: skip
def test_a_text_that_starts_like_a_block_stays_text_in_a_quote(text: str) -> None:
    tokens = MarkdownIt("commonmark").parse(f"> {md(text)}\n")
    kinds = [t.type for t in tokens]
    assert kinds == [
        "blockquote_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "blockquote_close",
    ], kinds
    assert tokens[2].content.replace("\\", "") == text


@pytest.mark.parametrize("text", ["2018-05-08", "#hashtag", "-5 graden", "a - b", "v1.2"])
def test_ordinary_text_is_not_escaped_more_than_needed(text: str) -> None:
    assert md(text) == text


def test_csv_cells_that_would_be_formulas_stay_text() -> None:
    from posities.render.text import csv_table

    table = csv_table(["a", "b"], [['=HYPERLINK("http://evil")', "@SUM(1)"], ["-2+3", "ok"]])
    assert table.splitlines() == [
        "a,b",
        '"\'=HYPERLINK(""http://evil"")",\'@SUM(1)',
        "'-2+3,ok",
    ]
