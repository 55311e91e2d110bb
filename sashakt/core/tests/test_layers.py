"""The import graph of `sashakt/` keeps to the house in `sashakt/layers.py`, and so do the URL
names its code and templates use."""

import ast
import re
from pathlib import Path

from django.urls import URLResolver, get_resolver

from sashakt.layers import NOTIFICATIONS_MAY_IMPORT, RANKS, may_import

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


# --- URL names: a lower app never names a higher app's page ------------------------------------
# Python: the first argument of these calls when it is a "namespace:name" literal. Templates:
# `{% url 'namespace:name' %}`. Templates under templates/<app>/ belong to <app>; the ones at
# templates/ itself (base.html, error pages), templates/includes/ and templates/admin/ are the
# site's frame and, like the root modules (`urls.py`, `settings.py`, `navigation.py`), may name
# any page. Tests are exempt too: they drive the assembled site through the root URLconf. A
# lower page reaches a higher one through `get_absolute_url` (ABSOLUTE_URL_OVERRIDES in
# settings.py) or the link registry (`core/links.py`).
URL_CALLS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}
TEMPLATES = PACKAGE.parent / "templates"
ROOT_TEMPLATE_DIRS = {"includes", "admin"}
TEMPLATE_URL = re.compile(r"""\{%\s*url\s+(["'])(\w+):(\w+)\1""")


def _url_owners() -> dict[str, str]:
    """Each URL namespace and the app that serves it, read from the root URLconf's includes.
    Namespaces served from outside the package (Django's admin) are not in the house."""
    owners = {}
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace:
            module = getattr(entry.urlconf_module, "__name__", "")
            if module.startswith("sashakt."):
                owners[entry.namespace] = module.split(".")[1]
    return owners


def may_name_url(app: str, owner: str) -> bool:
    """Whether a page or module of `app` may name a URL served by `owner`: its own, or a lower
    app's (`notifications` names only core's, as it imports only core)."""
    if app == owner:
        return True
    if app == "notifications":
        return owner in NOTIFICATIONS_MAY_IMPORT
    return RANKS[owner] < RANKS[app]


def _python_url_names(tree: ast.AST) -> list[tuple[int, str]]:
    """Every "namespace:name" literal passed first to reverse, reverse_lazy, redirect or
    resolve_url in the module."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        value = getattr(node.args[0], "value", None)  # a literal's value
        if called in URL_CALLS and isinstance(value, str) and ":" in value and "/" not in value:
            found.append((node.lineno, value))
    return sorted(found)


def _template_url_names(text: str) -> list[tuple[int, str]]:
    return [
        (text.count("\n", 0, match.start()) + 1, f"{match.group(2)}:{match.group(3)}")
        for match in TEMPLATE_URL.finditer(text)
    ]


def _named_urls() -> list[tuple[str, str, int, str]]:
    """(app, file, line, "namespace:name") of every URL name an app's code or template uses."""
    named = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or "migrations" in parts or "tests" in parts:
            continue
        shown = str(path.relative_to(PACKAGE.parent))
        for line, name in _python_url_names(ast.parse(path.read_text(), str(path))):
            named.append((parts[0], shown, line, name))
    for path in sorted(TEMPLATES.rglob("*.html")):
        parts = path.relative_to(TEMPLATES).parts
        if len(parts) < 2 or parts[0] in ROOT_TEMPLATE_DIRS:
            continue
        shown = str(path.relative_to(PACKAGE.parent))
        for line, name in _template_url_names(path.read_text()):
            named.append((parts[0], shown, line, name))
    return named


def _upward_url_names(named, owners: dict[str, str]) -> list[str]:
    problems = []
    for app, shown, line, name in named:
        owner = owners.get(name.split(":")[0])
        if app not in RANKS:
            problems.append(f"{shown}:{line} is in no app of the house")
        elif owner is not None and not may_name_url(app, owner):
            problems.append(f"{shown}:{line} names {name} ({owner}'s page)")
    return problems


def test_every_namespace_is_an_app_of_the_house():
    owners = _url_owners()
    assert set(owners.values()) - set(RANKS) == set()
    assert owners["nominations"] == "nominations"
    assert owners["certificates"] == "certificates"


def test_no_app_names_a_higher_apps_url():
    assert _upward_url_names(_named_urls(), _url_owners()) == []


def test_the_url_check_sees_an_upward_name_in_code_and_in_templates():
    tree = ast.parse(
        "def f(request):\n"
        "    go = reverse('reports:home')\n"
        "    return redirect('nominations:batch_list', pk=1)\n"
        "url = reverse_lazy('people:list')\n"
        "shortcuts.resolve_url('attendance:mine')\n"
        "redirect('/plain/path/')\n"
    )
    assert _python_url_names(tree) == [
        (2, "reports:home"),
        (3, "nominations:batch_list"),
        (4, "people:list"),
        (5, "attendance:mine"),
    ]
    template = "{% load i18n %}\n<a href=\"{% url 'attendance:batch' batch.pk %}\">"
    assert _template_url_names(template) == [(2, "attendance:batch")]
    planted = [
        ("programmes", "sashakt/programmes/models.py", 9, "nominations:batch_detail"),
        ("nominations", "templates/nominations/x.html", 2, "attendance:batch"),
        ("notifications", "sashakt/notifications/views.py", 3, "people:list"),
        ("feedback", "templates/feedback/x.html", 4, "assessments:my_tests"),  # same rank
        ("attendance", "templates/attendance/x.html", 5, "nominations:batch_detail"),  # fine
        ("people", "sashakt/people/views.py", 6, "admin:index"),  # Django's admin: outside
    ]
    assert _upward_url_names(planted, _url_owners()) == [
        "sashakt/programmes/models.py:9 names nominations:batch_detail (nominations's page)",
        "templates/nominations/x.html:2 names attendance:batch (attendance's page)",
        "sashakt/notifications/views.py:3 names people:list (people's page)",
        "templates/feedback/x.html:4 names assessments:my_tests (assessments's page)",
    ]
