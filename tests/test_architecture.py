"""The code's shape, as docs/architecture.md states it: imports follow the data, small modules, one home per primitive."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYERS = ("extract", "normalise", "export", "slippage")
MAX_MODULE_LINES = 300


def _modules() -> dict[str, Path]:
    """Return every module of the four packages by dotted name."""
    out = {}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            out[".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")] = path
    return out


def _imports(path: Path) -> set[str]:
    """Given a module file, return the dotted names it imports, lazy imports in functions included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_imports_follow_the_data() -> None:
    upward = [
        f"{name} imports {dep}"
        for name, path in _modules().items()
        for dep in _imports(path)
        if dep.split(".")[0] in LAYERS and LAYERS.index(dep.split(".")[0]) > LAYERS.index(name.split(".")[0])
    ]
    assert upward == []


def test_no_module_imports_itself_in_a_circle() -> None:
    modules = _modules()
    graph = {name: {d for d in _imports(path) if d in modules and d != name} for name, path in modules.items()}
    done: set[str] = set()

    def cycle_from(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node):], node]
        if node in done:
            return None
        for dep in sorted(graph[node]):
            if found := cycle_from(dep, [*path, node]):
                return found
        done.add(node)
        return None

    cycles = [c for name in sorted(graph) if (c := cycle_from(name, []))]
    assert cycles == []


def test_no_module_over_the_line_limit() -> None:
    long = {name: n for name, path in _modules().items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


@pytest.mark.parametrize("definition", [
    r"def ends_sentence\(", r"def strip_tags\(", r"def join_hyphen_breaks\(", r"def is_figure\(",
    r"^BULLET_GLYPHS\s*=", r"def find_fiscal_years\(", r"^FY_RE\s*=", r"^ROW_TABLES\s*=",
])
def test_each_shared_primitive_is_defined_once(definition: str) -> None:
    pattern = re.compile(definition, re.MULTILINE)
    homes = [name for name, path in _modules().items() if pattern.search(path.read_text(encoding="utf-8"))]
    assert len(homes) == 1, homes
