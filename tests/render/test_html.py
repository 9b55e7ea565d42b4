"""HTML read back with the standard library's parser: exact cells, notes linked both ways,
every value escaped, nothing fetched, and a fragment that is only the table and its notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from posities.model.words import Lang
from posities.render import html
from posities.render.memo import Memo, Paragraph, Quotes, table

VOID = {"meta", "br", "hr", "img", "link", "input"}


@dataclass
class Node:
    """An element as parsed: its tag, attributes, children and text (entities resolved)."""

    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    text: str = ""

    def all(self, tag: str) -> list[Node]:
        """Every element named `tag` below this one, in document order."""
        found = []
        for child in self.children:
            if child.tag == tag:
                found.append(child)
            found += child.all(tag)
        return found

    def words(self) -> str:
        """The text this element shows, with its children's."""
        return self.text


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.at = self.root
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), parent=self.at)
        self.at.children.append(node)
        self.tags.append(tag)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag: str) -> None:
        assert self.at.tag == tag, f"</{tag}> closes <{self.at.tag}>"
        assert self.at.parent is not None
        self.at = self.at.parent

    def handle_data(self, data: str) -> None:
        node: Node | None = self.at
        while node is not None:
            node.text += data
            node = node.parent


def parse(text: str) -> Node:
    """`text` as a tree; fails on an element closed out of order or left open."""
    tree = _Tree()
    tree.feed(text)
    tree.close()
    assert tree.at is tree.root, f"<{tree.at.tag}> is not closed"
    return tree.root


def html_tags(text: str) -> list[str]:
    """The start tags of `text` in order."""
    tree = _Tree()
    tree.feed(text)
    tree.close()
    return tree.tags


def cells(root: Node) -> tuple[list[str], list[list[str]]]:
    """The first table's headings and body cells, as the text each shows."""
    table = root.all("table")[0]
    heads = [th.words() for th in table.all("thead")[0].all("th")]
    body = [[td.words() for td in tr.all("td")] for tr in table.all("tbody")[0].all("tr")]
    return heads, body


def external(text: str) -> list[str]:
    """Every reference that would fetch something: a src, a href other than to a place in
    the same document, a <link>, a url() in the style, an @import."""
    root = parse(text)
    found = []
    for node in [root, *_every(root)]:
        for name, value in node.attrs.items():
            if name in ("src", "srcset", "data", "action"):
                found.append(f"{name}={value}")
            if name == "href" and not (value or "").startswith("#"):
                found.append(f"{name}={value}")
        if node.tag in ("link", "script", "iframe", "object", "embed", "img"):
            found.append(node.tag)
    found += re.findall(r"url\(|@import", text)
    return found


def _every(node: Node) -> list[Node]:
    return [n for child in node.children for n in (child, *_every(child))]


HOSTILE = "<script>alert(\"x\")</script> & 'y' </td></table>"


def _memo(
    heads: list[str],
    body: list[list[str]],
    marks: list[list[list[int]]] | None = None,
    notes: tuple[str, ...] = (),
    state: str = "",
    title: str = "Title",
    lang: Lang = Lang.EN,
) -> Memo:
    return Memo(title, (table(heads, body, marks or []),), lang, notes, state)


def test_a_table_has_a_head_row_of_column_headings_and_exact_cells() -> None:
    out = html.document(_memo(["ID", "Decision"], [["jcpoa", "Iran deal"], ["b", "Two\n lines"]]))
    root = parse(out)
    assert cells(root) == (["ID", "Decision"], [["jcpoa", "Iran deal"], ["b", "Two lines"]])
    assert [th.attrs for th in root.all("th")] == [{"scope": "col"}, {"scope": "col"}]
    assert root.all("thead")[0].all("td") == []


def test_every_value_is_escaped_in_headings_cells_notes_state_and_title() -> None:
    memo = _memo([HOSTILE], [[HOSTILE]], [[[1]]], (HOSTILE,), HOSTILE, title=HOSTILE)
    out = html.document(memo)
    root = parse(out)
    assert cells(root) == ([HOSTILE], [[HOSTILE + "1"]])
    assert root.all("title")[0].words() == HOSTILE
    assert root.all("h1")[0].words() == HOSTILE
    assert root.all("p")[0].words() == HOSTILE
    assert root.all("li")[0].words() == HOSTILE + " ↩"
    assert root.all("script") == []
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;" in out


def test_footnotes_are_an_ordered_list_linked_both_ways() -> None:
    marks = [[[], [1]], [[1, 2], []]]
    out = html.document(_memo(["A", "B"], [["a", "b"], ["c", "d"]], marks, ("one", "two")))
    root = parse(out)
    refs = [
        (a.attrs["id"], a.attrs["href"], a.words()) for sup in root.all("sup") for a in sup.all("a")
    ]
    assert [sup.words() for sup in root.all("sup")] == ["1", "1,2"]  # pasted: "c1,2", not "c12"
    assert refs == [
        ("ref-1-1", "#note-1", "1"),
        ("ref-1-2", "#note-1", "1"),
        ("ref-2-1", "#note-2", "2"),
    ]
    notes = root.all("ol")[0]
    assert notes.attrs == {"class": "notes"}
    assert [li.attrs["id"] for li in notes.all("li")] == ["note-1", "note-2"]
    backs = [[a.attrs["href"] for a in li.all("a")] for li in notes.all("li")]
    assert backs == [["#ref-1-1", "#ref-1-2"], ["#ref-2-1"]]


def test_references_are_counted_across_the_tables_of_one_document() -> None:
    first = table(["A"], [["a"]], [[[1]]])
    second = table(["B"], [["b"]], [[[1]]])
    out = html.document(Memo("T", (first, second), Lang.EN, ("one",)))
    root = parse(out)
    assert [a.attrs["id"] for a in root.all("sup")[0].all("a") + root.all("sup")[1].all("a")] == [
        "ref-1-1",
        "ref-1-2",
    ]
    assert [a.attrs["href"] for a in root.all("ol")[0].all("a")] == ["#ref-1-1", "#ref-1-2"]


def test_no_notes_is_no_list() -> None:
    assert html.notes([], {}) == ""
    assert "<ol" not in html.document(_memo(["A"], [["a"]]))


def test_a_paragraph_and_quotes_are_written_in_order_and_escaped() -> None:
    memo = Memo(
        "T",
        (Paragraph(HOSTILE), Quotes("Sources", (("Letter (kamerbrief, 2018)", HOSTILE),))),
        Lang.EN,
    )
    root = parse(html.document(memo))
    assert [p.words() for p in root.all("p")] == [HOSTILE]
    assert root.all("h2")[0].words() == "Sources"
    assert root.all("blockquote")[0].words() == HOSTILE
    assert root.all("li")[0].words().startswith("Letter (kamerbrief, 2018)")


def test_a_page_is_one_self_contained_document_in_its_language() -> None:
    out = html.document(_memo(["A"], [["a"]], state="Stand.", title="Standpunten", lang=Lang.NL))
    assert out.startswith("<!DOCTYPE html>\n")
    root = parse(out)
    assert root.all("html")[0].attrs == {"lang": "nl"}
    assert root.all("meta")[0].attrs == {"charset": "utf-8"}
    assert root.all("title")[0].words() == "Standpunten"
    assert len(root.all("style")) == 1
    assert external(out) == []
    assert [p.words() for p in root.all("p")] == ["Stand."]


def test_a_fragment_is_the_body_alone() -> None:
    memo = _memo(["A"], [["a"]], state="Stand.", title="Standpunten", lang=Lang.NL)
    out = html.document(memo, fragment=True)
    assert out == html.document(memo).split("</h1>\n", 1)[1].split("</body>")[0]
    assert html_tags(out)[0] == "table"
    assert not {"html", "head", "body", "title", "h1", "style"} & set(html_tags(out))


def test_the_check_for_external_references_finds_them() -> None:
    page = '<p><a href="https://example.org">x</a><img src="a.png"></p><style>@import "x";</style>'
    assert external(page) == ["href=https://example.org", "src=a.png", "img", "@import"]


def test_two_fragments_on_one_page_share_no_id_and_link_within_themselves() -> None:
    first = _memo(["A"], [["a"]], [[[1]]], ("one",))
    second = _memo(["B"], [["b"]], [[[1]]], ("two",))
    page = html.document(first, fragment=True) + html.document(second, fragment=True)
    root = parse(page)
    ids = [n.attrs["id"] for n in _every(root) if "id" in n.attrs]
    assert len(ids) == len(set(ids)) == 4
    for fragment in (first, second):
        alone = parse(html.document(fragment, fragment=True))
        targets = {n.attrs["id"] for n in _every(alone) if "id" in n.attrs}
        links = {(a.attrs["href"] or "")[1:] for a in alone.all("a")}
        assert links == targets
    assert html.document(first, fragment=True) == html.document(first, fragment=True)
    whole = parse(html.document(first))
    assert [li.attrs["id"] for li in whole.all("li")] == ["note-1"]
