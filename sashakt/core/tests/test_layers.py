"""The import graph of `sashakt/` keeps to the house in `sashakt/layers.py`."""

import ast
from pathlib import Path

from sashakt.layers import RANKS, may_import

PACKAGE = Path(__file__).resolve().parents[2]


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """Every absolute `sashakt.*` import in the module, at any depth (functions included)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            # `from sashakt import people` names the app in the alias.
            if node.module == "sashakt":
                found += [(node.lineno, f"sashakt.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("sashakt.")]


def _forbidden_edges() -> list[str]:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or "migrations" in parts:
            continue  # root modules wire the apps; migrations are history
        importer = parts[0]
        in_tests = "tests" in parts
        for line, name in _imported_modules(ast.parse(path.read_text(), str(path))):
            imported = name.split(".")[1]
            if in_tests and (PACKAGE / f"{imported}.py").exists():
                continue
            if imported not in RANKS or not may_import(importer, imported):
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
    return problems


def test_every_app_is_placed_in_the_house():
    apps = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert apps - set(RANKS) == set()


def test_no_app_imports_upwards():
    assert _forbidden_edges() == []


def test_the_check_sees_imports_inside_functions(tmp_path):
    tree = ast.parse("def f():\n    from sashakt.reports.views import home\n")
    assert _imported_modules(tree) == [(2, "sashakt.reports.views")]
    assert not may_import("core", "reports")
    assert not may_import("programmes", "nominations")
    assert not may_import("nominations", "accounts")
    assert not may_import("notifications", "people")
    assert may_import("nominations", "programmes")
