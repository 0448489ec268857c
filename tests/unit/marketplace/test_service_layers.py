"""marketplace_sync.services imports downwards only: no cycles, no imports hidden in functions to dodge one.

Read from the source with ast (nothing is imported), so the test fails on the
import line a change adds, wherever in the module it sits.
"""
import ast
from pathlib import Path

import pytest

import marketplace_sync.services

PACKAGE = "marketplace_sync.services"
SERVICES_DIR = Path(marketplace_sync.services.__file__).parent

#: Lowest first. A module may import modules of lower layers only (never its own layer or higher).
LAYERS = [
    {"runs", "rules", "token_store"},  # run records; the channel rules; where tokens are kept
    {"channels"},  # channels and the adapter built for one
    {"listings", "stock"},  # what a channel shows, and how many
    {"orders", "promotions"},  # importing and acting on marketplace orders; campaign discounts
    {"tokens", "webhooks"},  # OAuth steps; inbound pushes
]


def service_modules() -> list[str]:
    return sorted(path.stem for path in SERVICES_DIR.glob("*.py") if path.stem != "__init__")


def service_imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported service module, line, inside a function) for every import of a sibling service."""
    tree = ast.parse((SERVICES_DIR / f"{module}.py").read_text())
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            names = []
            if isinstance(child, ast.ImportFrom) and child.module:
                if child.module == PACKAGE:
                    names = [alias.name for alias in child.names]
                elif child.module.startswith(PACKAGE + "."):
                    names = [child.module[len(PACKAGE) + 1:].split(".")[0]]
            elif isinstance(child, ast.Import):
                names = [alias.name[len(PACKAGE) + 1:].split(".")[0] for alias in child.names
                         if alias.name.startswith(PACKAGE + ".")]
            found.extend((name, child.lineno, in_function) for name in names)
            visit(child, nested)

    visit(tree, False)
    return found


def layer_of(module: str) -> int | None:
    return next((index for index, layer in enumerate(LAYERS) if module in layer), None)


@pytest.mark.parametrize("module", service_modules())
def test_service_imports_only_lower_layers(module):
    layer = layer_of(module)
    for imported, line, in_function in service_imports(module):
        assert not in_function, (f"services/{module}.py:{line} imports services.{imported} inside a function: "
                                 "import it at the top, moving shared code down a layer if that makes a cycle")
        imported_layer = layer_of(imported)
        if layer is None or imported_layer is None:
            continue  # not placed yet: the cycle test below still covers it
        assert imported_layer < layer, (f"services/{module}.py:{line} imports services.{imported}, which is not "
                                        f"below it (layers, lowest first: {LAYERS})")


def test_no_import_cycle_among_services():
    graph = {module: {imported for imported, _, _ in service_imports(module)} for module in service_modules()}
    visiting, done = [], set()

    def walk(module):
        if module in visiting:
            cycle = visiting[visiting.index(module):] + [module]
            pytest.fail("import cycle in marketplace_sync.services: " + " -> ".join(cycle))
        if module in done or module not in graph:
            return
        visiting.append(module)
        for imported in sorted(graph[module]):
            walk(imported)
        visiting.pop()
        done.add(module)

    for module in graph:
        walk(module)


def test_the_layer_check_sees_a_cycle_dodge(tmp_path, monkeypatch):
    """The reader itself: an import inside a function is found and flagged as such."""
    (tmp_path / "low.py").write_text("def f():\n    from marketplace_sync.services.high import g\n")
    monkeypatch.setattr(__name__ + ".SERVICES_DIR", tmp_path)
    assert service_imports("low") == [("high", 2, True)]
