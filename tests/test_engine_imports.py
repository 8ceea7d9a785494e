"""The engine's imports: no circle between its modules (late imports inside functions
count too), nothing above it in the layers, and each module importable on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import explainer.engine

ENGINE = Path(explainer.engine.__file__).parent
MODULES = sorted(p.stem for p in ENGINE.glob("*.py") if p.stem != "__init__")
# what the engine may build on (docs/architecture.md, the layer table)
ALLOWED = {"explainer.model", "explainer.numbers", "explainer.schema"}


def imports_of(path: Path) -> set[str]:
    """Every ``explainer`` module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("explainer"))
        elif isinstance(node, ast.ImportFrom) and node.module == "explainer":
            found.update(f"explainer.{a.name}" for a in node.names)  # from explainer import x
        elif isinstance(node, ast.ImportFrom) and node.module and \
                node.module.startswith("explainer."):
            found.add(node.module)
    return found


def graph() -> dict[str, set[str]]:
    """Engine module -> the engine modules it imports."""
    out = {}
    for name in MODULES:
        deps = imports_of(ENGINE / f"{name}.py")
        out[name] = {d.rsplit(".", 1)[1] for d in deps if d.startswith("explainer.engine.")}
    return out


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import circle, if there is any (depth-first search)."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_engine_modules_import_each_other_without_a_circle():
    assert cycle(graph()) is None


def test_the_circle_check_finds_a_circle():
    assert cycle({"run": {"results"}, "results": {"reasons"}, "reasons": {"run"}}) == \
        ["reasons", "run", "results", "reasons"]
    assert cycle({"run": {"results"}, "results": set()}) is None


def test_engine_builds_only_on_the_model_and_number_words():
    for name in MODULES:
        outside = {d for d in imports_of(ENGINE / f"{name}.py")
                   if not d.startswith("explainer.engine.")}
        assert outside <= ALLOWED, (name, outside - ALLOWED)


@pytest.mark.parametrize("name", MODULES)
def test_each_engine_module_imports_alone_without_rich_or_textual(name):
    code = (f"import sys, explainer.engine.{name}\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.strip() == "[]"
