"""Imports of Chancery's own modules sit at the top of the module (docs/ARCHITECTURE.md, *Layers*).

An import inside a function hides a dependency from the reader and from `lint-imports`, and is
most often a cycle between two modules that better structure removes. Allowed where the code runs
once the app registry is ready or is not product code: `ready()` in apps.py (where an app
registers with the core), management commands, `manage.py`, tests, migrations, `testing.py` and
`demo/`; and a module-level `if TYPE_CHECKING:` block (type hints only, never executed).
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]  # src/chancery

# (file, function, imported module) → why it stays. Keep this short: a new entry needs a reason
# a reviewer accepts, and an entry that no longer occurs fails the test until it is removed.
EXCEPTIONS: dict[tuple[str, str, str], str] = {}


def _is_type_checking(node: ast.stmt) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _own_modules(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    """The Chancery modules an import statement names (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "chancery"]
    if node.level:
        base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
        return [".".join([*base, *([node.module] if node.module else [])])]
    return [node.module] if node.module and node.module.split(".")[0] == "chancery" else []


def nested_imports(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str, str]]:
    """(line, enclosing function or class, imported module) of every import of a Chancery module
    below the module's top level, but those in the `ready()` method of apps.py."""
    package = module if is_package else module.rpartition(".")[0]
    found = []

    def visit(node: ast.AST, scope: list[ast.AST]) -> None:
        for child in ast.iter_child_nodes(node):
            if not scope and _is_type_checking(child):
                continue  # type hints only: never executed
            if isinstance(child, (ast.Import, ast.ImportFrom)) and scope:
                inner = scope[-1]
                ready = (
                    module.endswith(".apps")
                    and isinstance(inner, ast.FunctionDef)
                    and inner.name == "ready"
                    and len(scope) == 2
                    and isinstance(scope[0], ast.ClassDef)
                )
                if not ready:
                    name = getattr(inner, "name", "<lambda>")
                    found.extend((child.lineno, name, target) for target in _own_modules(child, package))
            nested = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))
            visit(child, [*scope, child] if nested else scope)

    visit(ast.parse(source), [])
    return found


def _product_files():
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if {"tests", "migrations", "demo"} & set(relative.parts) or path.name in ("testing.py", "manage.py"):
            continue
        if relative.parts[-3:-1] == ("management", "commands"):
            continue
        yield path, relative


def _module_of(relative: Path) -> tuple[str, bool]:
    parts = ["chancery", *relative.with_suffix("").parts]
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def test_the_scan_sees_what_it_must():
    sample = """
from typing import TYPE_CHECKING

from chancery.core import audit

if TYPE_CHECKING:
    from chancery.procedures.models import Case


def lazy():
    from chancery.core.models import User
    import chancery.core.authz
    from django.db import models
    from . import sibling


class Config:
    def ready(self):
        from chancery.core import navigation

        def later():
            from chancery.core import events
"""
    assert nested_imports(sample, "chancery.demoapp.views") == [
        (11, "lazy", "chancery.core.models"),
        (12, "lazy", "chancery.core.authz"),
        (14, "lazy", "chancery.demoapp"),
        (19, "ready", "chancery.core"),
        (22, "later", "chancery.core"),
    ]
    # In apps.py the ready() method may import; a function nested in it may not.
    assert nested_imports(sample, "chancery.demoapp.apps") == [
        (11, "lazy", "chancery.core.models"),
        (12, "lazy", "chancery.core.authz"),
        (14, "lazy", "chancery.demoapp"),
        (22, "later", "chancery.core"),
    ]


def test_chancery_modules_are_imported_at_the_top_of_the_module():
    found = {}
    files = 0
    for path, relative in _product_files():
        files += 1
        module, is_package = _module_of(relative)
        for line, scope, target in nested_imports(path.read_text(), module, is_package=is_package):
            found.setdefault((relative.as_posix(), scope, target), []).append(line)
    assert files > 100  # the scan reads the product code

    offenders = sorted(
        f"{file}:{lines[0]} in {scope}(): import of {target}"
        for (file, scope, target), lines in found.items()
        if (file, scope, target) not in EXCEPTIONS
    )
    assert not offenders, (
        "Import Chancery modules at the top of the module (only apps.py ready() may import inside a "
        "function). A cycle that forbids it is a sign that something lives in the wrong module: move "
        "it (docs/ARCHITECTURE.md, Layers).\n" + "\n".join(offenders)
    )
    stale = sorted(
        f"{file} {scope}() {target}" for file, scope, target in EXCEPTIONS if (file, scope, target) not in found
    )
    assert not stale, "No longer needed: remove these exceptions from EXCEPTIONS\n" + "\n".join(stale)
