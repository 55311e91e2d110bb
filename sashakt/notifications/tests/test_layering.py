"""notifications is called, never calls up: it imports only sashakt.core (and itself)."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent
ALLOWED = ("sashakt.core", "sashakt.notifications")


def _sashakt_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return {name for name in names if name.startswith("sashakt")}


def test_notifications_imports_only_core():
    offending = {
        str(path.relative_to(APP)): sorted(
            name
            for name in _sashakt_imports(path)
            if not any(name == a or name.startswith(a + ".") for a in ALLOWED)
        )
        for path in APP.rglob("*.py")
        if "tests" not in path.parts
    }
    assert {path: names for path, names in offending.items() if names} == {}
