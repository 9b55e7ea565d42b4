"""The passages of a source text: its words and sentences as the file has them, the passage
closest to a quote that was not found (with the words that differ), and the passages closest to
a rough phrase (for `quote find`). Every passage is exact text of the file, so that used as a
quote it is found (`SourceText.contains`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from posities.core.quotes import BROKEN_WORD, QUOTE_MARKS, SOFT_HYPHEN, SourceText, normalize

# --- words and sentences ---------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_CLOSING = "\"'’”»)]}"
_OPENING = "\"'‘“„«([{"
_ENDS = ".!?…"
_ABBREVIATED = (
    "bijv bv bijvoorbeeld enz etc ca cf vgl nr nrs art lid mr dr drs ir ing prof mevr dhr jl jo "
    "resp zgn incl excl vs mln mld mrd blz pag p pp fig min max no vol ed st jr sr mrs ms inc "
    "ltd co corp jan feb mrt apr jun jul aug sep sept okt oct nov dec"
)
_ABBREVIATIONS = frozenset(_ABBREVIATED.split())
_DOTTED = re.compile(r"(?:\w{1,3}\.)+\w{1,3}")
MAX_SENTENCE_WORDS = 80
"""A longer run without a sentence end (a table, a list) is cut into pieces this long."""


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text as the file has it (soft hyphens left out), and the line it starts on.

    A word broken across lines by a hyphen is one word: `text` without the hyphen, `hyphenated`
    with it, `real_hyphen` when what follows the hyphen looks like a new word (an upper-case
    letter or a digit: Trans-Atlantische). A soft hyphen at a line end only joins the word."""

    text: str
    line: int
    paragraph: bool = False
    """Whether a blank line stands before the word."""
    hyphenated: str | None = None
    real_hyphen: bool = False


def words(text: str) -> list[Word]:
    """The words of `text`: its runs of non-space, joined where `SourceText` joins them."""
    breaks = {m.start(): m.end() for m in BROKEN_WORD.finditer(text)}
    found: list[Word] = []
    parts: list[str] = []
    line, at, first_line, blank = 1, 0, 1, False
    for match in _TOKEN.finditer(text):
        newlines = text.count("\n", at, match.start())
        line += newlines
        if parts and breaks.get(at - 1) == match.start():
            parts.append(match.group())
        else:
            if parts and _add_word(found, parts, first_line, blank):
                blank = False
            parts, first_line = [match.group()], line
            blank = blank or newlines >= 2
        at = match.end()
    if parts:
        _add_word(found, parts, first_line, blank)
    return found


def _add_word(found: list[Word], parts: list[str], line: int, blank: bool) -> bool:
    """Append the word made of `parts` (a blank line before it); False when it holds nothing
    but soft hyphens and is left out."""
    joined = "".join(part[:-1] for part in parts[:-1]) + parts[-1]
    text = joined.replace(SOFT_HYPHEN, "")
    if not text:
        return False
    paragraph = blank and bool(found)
    hard = [index for index, part in enumerate(parts[:-1], 1) if part[-1] != SOFT_HYPHEN]
    if not hard:
        found.append(Word(text, line, paragraph))
    else:
        hyphenated = "".join(parts).replace(SOFT_HYPHEN, "")
        real = all(parts[index][0].isupper() or parts[index][0].isdigit() for index in hard)
        found.append(Word(text, line, paragraph, hyphenated, real))
    return True


def render_words(chosen: Sequence[Word]) -> str:
    """Words as one passage: with their line-break hyphens dropped, or all kept when each looks
    real, so that the passage is found as a whole (`SourceText.contains`)."""
    broken = [w for w in chosen if w.hyphenated is not None]
    keep = bool(broken) and all(w.real_hyphen for w in broken)
    return " ".join(w.hyphenated if keep and w.hyphenated else w.text for w in chosen)


def _abbreviation(core: str) -> bool:
    stem = core[:-1]
    return (
        stem.casefold() in _ABBREVIATIONS
        or _DOTTED.fullmatch(stem) is not None
        or (len(stem) == 1 and stem.isalpha())
    )


def ends_sentence(word: str, following: str | None) -> bool:
    """Whether a sentence ends after `word`: it ends in . ! ? or … (before closing quotes or
    brackets), is no abbreviation (bijv., o.a., J.) and the next word starts a sentence."""
    core = word.rstrip(_CLOSING)
    if not core or core[-1] not in _ENDS:
        return False
    if following is None:
        return True
    start = following.lstrip(_OPENING)
    if not start or not (start[0].isupper() or start[0].isdigit()):
        return False
    return not (core.endswith(".") and _abbreviation(core))


def sentences(found: Sequence[Word]) -> list[tuple[int, int]]:
    """The sentences of a text's words, as (start, end) spans; a blank line ends one too."""
    spans: list[tuple[int, int]] = []
    start = 0
    for index, word in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if (
            following is None
            or following.paragraph
            or ends_sentence(word.text, following.text)
            or index + 1 - start >= MAX_SENTENCE_WORDS
        ):
            spans.append((start, index + 1))
            start = index + 1
    return spans


# --- the passage closest to a quote ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of a text, exactly as the text has it, with the line it starts on, how close it
    came (0 to 1) and, for a quote that was not found, the words that differ."""

    text: str
    line: int
    score: float
    differences: tuple[str, ...] = ()


_SHORTLIST = 8


def closest(found: Sequence[Word], quote: str) -> Passage | None:
    """The passage of a text's words most like `quote`: a window as long as the quote slid over
    the text shortlists places by shared words, difflib then picks the best and its edges."""
    import difflib

    wanted = normalize(quote).split(" ") if normalize(quote) else []
    if not found or not wanted:
        return None
    keys = _keys(found, set(wanted))
    best: tuple[float, int, int] | None = None
    for start in _places(keys, wanted):
        lo, hi = _edges(keys, wanted, start)
        score = difflib.SequenceMatcher(None, wanted, keys[lo:hi], autojunk=False).ratio()
        if best is None or score > best[0] or (score == best[0] and lo < best[1]):
            best = (score, lo, hi)
    if best is None:
        return None
    score, lo, hi = best
    chosen = found[lo:hi]
    shown = [w.hyphenated if keys[lo + i] == w.hyphenated else w.text for i, w in enumerate(chosen)]
    return Passage(" ".join(shown), chosen[0].line, score, differences(wanted, keys[lo:hi], shown))


def _keys(found: Sequence[Word], wanted: set[str]) -> list[str]:
    """The words to compare with a quote's: normalized, with a line-break hyphen kept where the
    quote has that form. A word that recurs shares one string, so that a long text is not held
    twice over."""
    seen: dict[str, str] = {}
    keys = []
    for word in found:
        key = seen.get(word.text)
        if key is None:
            key = seen[word.text] = normalize(word.text)
        if word.hyphenated is not None and normalize(word.hyphenated) in wanted:
            key = normalize(word.hyphenated)
        keys.append(key)
    return keys


def _places(keys: Sequence[str], wanted: Sequence[str]) -> list[int]:
    """Where a window as long as the quote shares the most words with it (any order, any case),
    best first, a few that do not overlap much."""
    from array import array
    from collections import Counter

    size = min(len(wanted), len(keys))
    target = Counter(w.casefold() for w in wanted)
    seen: dict[str, str] = {}
    folded = [seen.get(k) or seen.setdefault(k, k.casefold()) for k in keys]
    have: Counter[str] = Counter()
    shared = 0
    starts: dict[int, array[int]] = {}  # the windows' starts by words shared, in text order
    for index, word in enumerate(folded):
        if have[word] < target[word]:
            shared += 1
        have[word] += 1
        if index >= size:
            old = folded[index - size]
            have[old] -= 1
            if have[old] < target[old]:
                shared -= 1
        if index >= size - 1:
            bucket = starts.get(shared)
            if bucket is None:
                bucket = starts[shared] = array("l")
            bucket.append(index - size + 1)
    chosen: list[int] = []
    for count in sorted(starts, reverse=True):
        for start in starts[count]:
            if all(abs(start - other) > size // 2 for other in chosen):
                chosen.append(start)
                if len(chosen) == _SHORTLIST:
                    return chosen
    return chosen


def _edges(keys: Sequence[str], wanted: Sequence[str], start: int) -> tuple[int, int]:
    """The passage around `start` that lines up with the quote: from the first word that
    matches to the last, widened by the quote's unmatched words at either end."""
    import difflib

    size = len(wanted)
    low = max(0, start - size // 2)
    high = min(len(keys), start + size + size // 2)
    matcher = difflib.SequenceMatcher(None, wanted, keys[low:high], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return start, min(len(keys), start + size)
    first, last = blocks[0], blocks[-1]
    lo = max(0, low + first.b - first.a)
    hi = min(len(keys), low + last.b + last.size + (size - last.a - last.size))
    return lo, hi


def differences(quote: Sequence[str], text: Sequence[str], shown: Sequence[str]) -> tuple[str, ...]:
    """How the quote's words differ from the text's: `"quote words" → "text words"`, `missing:`
    for text words the quote leaves out, `extra:` for quote words the text does not have."""
    import difflib

    found = []
    matcher = difflib.SequenceMatcher(None, list(quote), list(text), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ours, theirs = " ".join(quote[i1:i2]), " ".join(shown[j1:j2])
        if tag == "replace":
            found.append(f'"{ours}" → "{theirs}"')
        elif tag == "delete":
            found.append(f'extra: "{ours}"')
        elif tag == "insert":
            found.append(f'missing: "{theirs}"')
    return tuple(found)


# --- the passages closest to a rough phrase ----------------------------------------------------

LONGEST_RUN = 3
"""A passage is one sentence or a run of up to this many adjacent ones."""
FLOOR = 0.3
"""Passages scoring less than this are not worth showing."""
_RECALL_WEIGHT = 0.75
_FUZZY_CUTOFF = 0.8


@dataclass(frozen=True, slots=True)
class Hit:
    """A passage found for a phrase: in which of the texts searched, and which sentences."""

    document: int
    first: int
    last: int
    """The sentences `first` up to (not including) `last`."""
    passage: Passage

    def overlaps(self, other: Hit) -> bool:
        """Whether the two passages share a sentence."""
        return (
            self.document == other.document and self.first < other.last and other.first < self.last
        )


def fold(text: str) -> str:
    """`text` for loose comparison: lower case, without accents, with straight quote marks."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.translate(QUOTE_MARKS).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_TERM = re.compile(r"\w+")


def terms(text: str) -> list[str]:
    """The words of `text` for loose comparison (`fold`ed, punctuation left out)."""
    return _TERM.findall(fold(text))


@dataclass
class _Units:
    """The sentences of the texts searched, as terms, for scoring passages against a phrase."""

    places: list[tuple[int, int, int]]
    """(document, start word, end word) of each sentence, in text order."""
    terms: list[list[str]]

    @classmethod
    def of(cls, documents: Sequence[SourceText]) -> _Units:
        places, found = [], []
        for number, document in enumerate(documents):
            for start, end in document.sentences:
                places.append((number, start, end))
                found.append(terms(" ".join(w.text for w in document.words[start:end])))
        return cls(places, found)


def find(
    phrase: str, documents: Sequence[SourceText], limit: int = 5, floor: float = FLOOR
) -> list[Hit]:
    """The passages of `documents` closest to a rough `phrase`, best first and not overlapping:
    single sentences and runs of adjacent ones, scored by how much of the phrase they hold (any
    case, accents, order; close spellings count) and how alike they read."""
    wanted = terms(phrase)
    units = _Units.of(documents)
    if not wanted or not units.places:
        return []
    credit = _credit(wanted, units)
    weights = _weights(credit, units)
    mapped = [max(credit[w], key=credit[w].__getitem__) if credit[w] else w for w in wanted]
    each = [_held(credit, set(found)) for found in units.terms]
    scored = _scored(units, each, weights, mapped, limit)
    hits: list[Hit] = []
    for score, index, end in scored:
        if score < floor:
            break
        document, start, _ = units.places[index]
        stop = units.places[end - 1][2]
        text = documents[document].passage(start, stop)
        line = documents[document].words[start].line
        hit = Hit(document, index, end, Passage(text, line, round(score, 3)))
        if not any(hit.overlaps(other) for other in hits):
            hits.append(hit)
            if len(hits) == limit:
                break
    return hits


def _credit(wanted: Sequence[str], units: _Units) -> dict[str, dict[str, float]]:
    """For each word of the phrase, the words of the texts that count for it, and how much:
    1 for the same word, less for a close spelling (a typo)."""
    import difflib

    vocabulary = sorted({t for found in units.terms for t in found})
    known = set(vocabulary)
    credit: dict[str, dict[str, float]] = {}
    for word in dict.fromkeys(wanted):
        counts = {word: 1.0} if word in known else {}
        if len(word) >= 4:
            for close in difflib.get_close_matches(word, vocabulary, n=3, cutoff=_FUZZY_CUTOFF):
                ratio = difflib.SequenceMatcher(None, word, close).ratio()
                counts.setdefault(close, ratio)
        credit[word] = counts
    return credit


def _held(credit: dict[str, dict[str, float]], found: set[str]) -> list[float]:
    """How far a sentence holds each word of the phrase (its best credit among its words)."""
    return [
        max((v for t, v in counts.items() if t in found), default=0.0) for counts in credit.values()
    ]


def _weights(credit: dict[str, dict[str, float]], units: _Units) -> list[float]:
    """How much each word of the phrase tells passages apart: rare words more than common ones
    (an inverse document frequency over the sentences)."""
    import math

    total = len(units.terms)
    sets = [set(found) for found in units.terms]
    weights = []
    for counts in credit.values():
        df = sum(1 for found in sets if not found.isdisjoint(counts)) if counts else 0
        weights.append(max(0.05, math.log((total + 1) / (df + 0.5))))
    return weights


def _scored(
    units: _Units,
    each: list[list[float]],
    weights: list[float],
    mapped: list[str],
    limit: int,
) -> list[tuple[float, int, int]]:
    """(score, first sentence, end sentence) of the best passages, best first: how much of the
    phrase a passage holds (weighted recall) plus how alike they read (difflib ratio)."""
    import difflib
    import heapq

    total = sum(weights)
    runs: list[tuple[float, int, int]] = []
    for first in range(len(units.places)):
        best = [0.0] * len(weights)
        for end in range(first + 1, min(first + LONGEST_RUN, len(units.places)) + 1):
            if units.places[end - 1][0] != units.places[first][0]:
                break
            best = [max(a, b) for a, b in zip(best, each[end - 1], strict=True)]
            recall = sum(w * c for w, c in zip(weights, best, strict=True)) / total
            runs.append((recall, first, end))
    runs.sort(key=lambda run: (-run[0], run[1], run[2]))
    keep = 15 * limit + 10
    heap: list[tuple[float, int, int]] = []
    for recall, first, end in runs:
        ceiling = _RECALL_WEIGHT * recall + (1 - _RECALL_WEIGHT)
        if len(heap) >= keep and ceiling < heap[0][0]:
            break
        run_terms = [t for found in units.terms[first:end] for t in found]
        ratio = difflib.SequenceMatcher(None, mapped, run_terms, autojunk=False).ratio()
        score = _RECALL_WEIGHT * recall + (1 - _RECALL_WEIGHT) * ratio
        item = (score, -first, -end)
        if len(heap) < keep:
            heapq.heappush(heap, item)
        elif item > heap[0]:
            heapq.heapreplace(heap, item)
    return [(score, -first, -end) for score, first, end in sorted(heap, reverse=True)]


def iter_passages(document: SourceText) -> Iterator[tuple[int, str]]:
    """Every candidate passage of a text (each sentence and each run of adjacent ones), with
    the line it starts on."""
    spans = document.sentences
    for first in range(len(spans)):
        for end in range(first + 1, min(first + LONGEST_RUN, len(spans)) + 1):
            start, stop = spans[first][0], spans[end - 1][1]
            yield document.words[start].line, document.passage(start, stop)
