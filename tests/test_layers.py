"""The package's stages depend one way: from the commands down to the model, never back up.

A module may import only from its own stage or a lower one (`coursekit.STAGES`, lowest first).
"""
import ast
import pathlib

import pytest

import coursekit

PACKAGE = pathlib.Path(coursekit.__file__).parent


def stage_of(module: str) -> int:
    """The index in STAGES of a dotted name inside coursekit (a module, or a name in one)."""
    parts = module.split(".")
    for size in range(len(parts), 1, -1):
        for index, members in enumerate(coursekit.STAGES):
            if ".".join(parts[:size]) in members:
                return index
    raise LookupError(f"{module} is in no stage of coursekit.STAGES")


def module_name(path: pathlib.Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imported(source: str) -> list[str]:
    """Every coursekit name the source imports, at any depth (inside functions too)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("coursekit"):
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names if alias.name.startswith("coursekit")]
        elif isinstance(node, ast.ImportFrom) and node.level:
            names.append("relative import")
    return [name for name in names if name not in ("coursekit.__version__", "coursekit.STAGES")]


def upward_imports(module: str, source: str) -> list[str]:
    own = stage_of(module)
    return [f"{module} -> {name}" for name in imported(source)
            if name == "relative import" or stage_of(name) > own]


def sources() -> list[pathlib.Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p != PACKAGE / "__init__.py"]


def test_every_module_belongs_to_a_stage():
    for path in sources():
        stage_of(module_name(path))


def test_no_module_imports_a_higher_stage():
    upward = [line for path in sources()
              for line in upward_imports(module_name(path), path.read_text(encoding="utf-8"))]
    assert upward == []


@pytest.mark.parametrize("module, source, found", [
    ("coursekit.model", "from coursekit.site.generate import generate\n", 1),
    ("coursekit.content.quiz", "def f():\n    from coursekit.supervision import assign\n", 1),
    ("coursekit.ingest.pages", "from .stats import x\n", 1),
    ("coursekit.supervision.assign", "from coursekit.content.quiz import Question\nimport coursekit.model\n", 0),
])
def test_the_check_finds_upward_imports(module, source, found):
    assert len(upward_imports(module, source)) == found


def test_no_private_imports():
    """No module reaches into a library's private modules (a dotted part that starts with '_')."""
    private = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            private += [f"{path.name}: {name}" for name in names
                        if any(part.startswith("_") and not part.startswith("__") for part in name.split("."))]
    assert private == []
