"""ARCHITECTURE.md stays true: it names every module of the package, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "posities"
LAYERS = ("model", "io", "git", "core", "render", "cli")


def _table_rows() -> dict[str, set[str]]:
    """The modules each layer's rows of the table name."""
    named: dict[str, set[str]] = {}
    layer = ""
    for line in (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")] if line.startswith("|") else []
        if len(cells) != 3 or cells[0] in ("folder", "---"):
            continue
        layer = cells[0] or layer
        named.setdefault(layer, set()).update(re.findall(r"`([a-z_]+)\.py`", cells[1]))
    return named


def test_every_module_is_in_the_architecture_table() -> None:
    named = _table_rows()
    modules = {
        layer: {p.stem for p in (PACKAGE / layer).glob("*.py") if p.stem != "__init__"}
        for layer in LAYERS
    }
    missing = {layer: sorted(modules[layer] - named.get(layer, set())) for layer in LAYERS}
    assert {layer: names for layer, names in missing.items() if names} == {}


def test_the_architecture_table_names_no_module_that_is_not_there() -> None:
    named = _table_rows()
    extra = {
        layer: sorted(n for n in names if not (PACKAGE / layer / f"{n}.py").is_file())
        for layer, names in named.items()
    }
    assert {layer: names for layer, names in extra.items() if names} == {}
    assert set(named) == set(LAYERS)


def test_every_layer_is_in_the_import_contract() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    layers = re.search(r'type = "layers"\nlayers = \[(.*?)\]', text, re.DOTALL)
    assert layers is not None
    assert re.findall(r'"posities\.([a-z]+)"', layers.group(1)) == list(reversed(LAYERS))
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(LAYERS)


HEAVY_ONLY_IN = {
    "docx": {"posities.render.docx", "posities.render.ooxml", "posities.core.extract.word"},
    "openpyxl": {"posities.render.xlsx"},
    "pdfminer": {"posities.core.extract.pdf"},
}
"""Each heavy library, and the only modules that may import it."""


def test_every_module_but_its_own_is_forbidden_each_heavy_library() -> None:
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = contracts["tool"]["importlinter"]["contracts"]
    modules = set()
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        modules.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    leaves = {m for m in modules if not any(o.startswith(m + ".") for o in modules)}
    for library, allowed in HEAVY_ONLY_IN.items():
        (contract,) = [c for c in found if c.get("forbidden_modules") == [library]]
        assert set(contract["source_modules"]) == leaves - allowed, library
