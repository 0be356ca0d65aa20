"""The import rule: a core module imports only from its own layer or below.

Layers, bottom to top (README "How it fits"; issue 17)::

    common, notifications → accounts → catalog, artisans → buyers → programs → meetings
      → matchmaking → deals, referencing, fairs, visitors, tours, shows → privacy, ops → demo

Core is every module of an app except its presentation and wiring: views, urls, admin, forms
(and modules named after them: start_views, admin_export), template tags, management commands,
tests and migrations may reach up (a page of `catalog` may show meetings); models, services,
selectors, tasks and the rest (index.py, search.py, results.py, middleware...) may not. Forms count as presentation: they are what views validate input with, no
core module imports them (a test below keeps it so), and an upward import in one is a page's need.

The graph is read with `ast` from the files on disk, every `import` and `from ... import` at any
depth, so a function-local import made to dodge a cycle is caught like a top-level one.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LAYERS: list[set[str]] = [
    {"common", "notifications"},
    {"accounts"},
    {"catalog", "artisans"},
    {"buyers"},
    {"programs"},
    {"meetings"},
    {"matchmaking"},
    {"deals", "referencing", "fairs", "visitors", "tours", "shows"},
    {"privacy", "ops"},
    {"demo"},
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}

# Module names (the part after the app) that may reach up. A name that is a package covers all
# of it (`templatetags`, `management`, `tests`, `migrations`).
PRESENTATION = {"views", "urls", "admin", "forms", "templatetags", "management", "tests", "migrations"}
# ...and modules named after one of the first four, as `start_views`, `admin_export` are.
PRESENTATION_STEMS = ("views", "urls", "admin", "forms")


def is_presentation(part: str) -> bool:
    return part in PRESENTATION or any(
        part.endswith(f"_{stem}") or part.startswith(f"{stem}_") for stem in PRESENTATION_STEMS
    )

# Imports still crossing upward while their code moves to its home (issue 17), each with the move
# that removes it. Keyed by (importing module, imported app); the test fails on any other upward
# import and on an entry here that no longer matches one, so the list only shrinks.
IN_PROGRESS: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    module: str
    target: str
    from_app: str
    to_app: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.module} imports {self.target} ({self.from_app} → {self.to_app})"


@functools.cache
def app_modules(root: Path = ROOT) -> list[tuple[str, Path]]:
    found = []
    for app in sorted(LEVEL):
        app_dir = root / app
        if not (app_dir / "apps.py").exists():
            continue
        for path in sorted(app_dir.rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found.append((".".join(parts), path))
    return found


def is_core(module: str) -> bool:
    parts = module.split(".")
    return not any(is_presentation(part) for part in parts[1:])


def imported_names(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) of every import in the tree, at any depth; `from a import b` gives `a.b` too
    (b may be a module)."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # Relative: resolve against this module's package.
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names.append((node.lineno, target))
            names.extend((node.lineno, f"{target}.{alias.name}") for alias in node.names if alias.name != "*")
    return sorted(set(names))


@functools.cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def upward_imports(root: Path = ROOT) -> list[Import]:
    found = []
    for module, path in app_modules(root):
        if not is_core(module):
            continue
        from_app = module.split(".")[0]
        tree = parsed(path)
        seen = set()
        for line, target in imported_names(tree, module, path.name == "__init__.py"):
            to_app = target.split(".")[0]
            if to_app in LEVEL and LEVEL[to_app] > LEVEL[from_app] and (line, to_app) not in seen:
                seen.add((line, to_app))
                rel = str(path.relative_to(root))
                found.append(Import(rel, line, module, target, from_app, to_app))
    return found


def test_core_modules_import_only_their_own_layer_or_below():
    offending = [imp for imp in upward_imports() if (imp.module, imp.to_app) not in IN_PROGRESS]
    assert not offending, "Core modules importing a higher layer:\n" + "\n".join(map(str, offending))


def test_every_exception_still_matches_an_import():
    seen = {(imp.module, imp.to_app) for imp in upward_imports()}
    resolved = sorted(set(IN_PROGRESS) - seen)
    assert not resolved, f"Exceptions no longer needed, remove them from IN_PROGRESS: {resolved}"


def test_no_core_module_imports_a_view_form_admin_or_template_tag():
    # Presentation may reach up only because nothing below it depends on it: a service importing
    # a form (or a view, an admin, a tag) would carry that form's upward imports into the core.
    offending = []
    for module, path in app_modules():
        if not is_core(module):
            continue
        tree = parsed(path)
        for line, target in imported_names(tree, module, path.name == "__init__.py"):
            parts = target.split(".")
            if parts[0] in LEVEL and any(is_presentation(part) for part in parts[1:]):
                offending.append(f"{path.relative_to(ROOT)}:{line}: {module} imports {target}")
    assert not offending, "Core modules importing presentation modules:\n" + "\n".join(offending)


def test_core_modules_import_other_apps_at_the_top():
    # A function-local import of another app is how a cycle is dodged, and a sign the code is in
    # the wrong app (STYLE.md); with the layers kept there is no cycle to dodge. Imports of the
    # module's own app may be late (services ↔ tasks, a heavy PDF module), and so may apps.py's
    # ready(), which runs once every app is loaded.
    offending = []
    for module, path in app_modules():
        if not is_core(module) or path.name == "apps.py":
            continue
        app = module.split(".")[0]
        for node in ast.walk(parsed(path)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for line, target in imported_names(node, module, path.name == "__init__.py"):
                to_app = target.split(".")[0]
                if to_app in LEVEL and to_app != app:
                    offending.append(f"{path.relative_to(ROOT)}:{line}: {module} imports {target} inside a function")
    assert not offending, "Late imports of other apps in core modules:\n" + "\n".join(sorted(set(offending)))


def test_the_rule_sees_function_local_and_relative_imports():
    source = "from .models import A\n\ndef f():\n    from meetings.services import x\n    import ops.tasks\n"
    names = imported_names(ast.parse(source), "catalog.services", is_package=False)
    assert names == [
        (1, "catalog.models"), (1, "catalog.models.A"),
        (4, "meetings.services"), (4, "meetings.services.x"),
        (5, "ops.tasks"),
    ]


def test_an_upward_import_is_named_with_its_line_and_apps(tmp_path):
    files = {
        "meetings/apps.py": "",
        "catalog/apps.py": "",
        "catalog/services.py": "import datetime\n\n\ndef f():\n    from meetings.models import Meeting\n",
        "catalog/index.py": "from meetings import selectors\n",
        "catalog/views.py": "from meetings.models import Meeting\n",
        "catalog/templatetags/catalog_tags.py": "from meetings.models import Meeting\n",
        "catalog/admin_export.py": "from meetings.models import Meeting\n",
        "meetings/services.py": "from catalog.models import Product\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert sorted(map(str, upward_imports(tmp_path))) == [
        "catalog/index.py:1: catalog.index imports meetings (catalog → meetings)",
        "catalog/services.py:5: catalog.services imports meetings.models (catalog → meetings)",
    ]


def test_every_app_has_a_layer():
    installed = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert installed <= set(LEVEL), f"Apps without a layer: {sorted(installed - set(LEVEL))}"
