"""The package mirrors the DAG: one subpackage per rule file, imports that only flow downstream
along the DAG, and no module that imports a module importing it back."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from framelab.stages import RUNNERS

from .conftest import ROOT

PACKAGE = ROOT / "workflow" / "framelab"
RULES = ROOT / "workflow" / "rules"

# The stages in DAG order; a stage's package may import the packages of earlier ranks only.
STAGE_RANK = {
    "ingest": 0,
    "clean": 1,
    "segment": 2,
    "terms": 3,
    "topics": 4,
    "framing": 4,
    "stance": 4,
    "figures": 5,
    "report": 6,
}
# may import any stage: the rules' glue, the command, the notebooks' old address, and what
# `framelab init` writes (it reads a corpus listing with the ingest stage)
GLUE = {"framelab.stages", "framelab.cli", "framelab.results", "framelab.study"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def lazy_homes(package: str) -> dict[str, str]:
    """Name -> defining module of the names a package's ``lazy_exports`` call lists."""
    tree = ast.parse(MODULES[package].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "lazy_exports":
            modules = ast.literal_eval(node.args[1])
            return {n: f"{package}.{m}" for m, names in modules.items() for n in names}
    return {}


def resolve(package: str, name: str) -> str:
    """The module ``from package import name`` loads."""
    if f"{package}.{name}" in MODULES:
        return f"{package}.{name}"
    return lazy_homes(package).get(name, package)


def imports_of(module: str) -> set[str]:
    """Every framelab module ``module`` imports, anywhere in it (functions and type-checking
    blocks included)."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "framelab"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "framelab":
                found |= {resolve(node.module, a.name) for a in node.names}
    return {m for m in found if m in MODULES and m != module}


GRAPH = {module: imports_of(module) for module in MODULES}


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGE_RANK else None


def is_glue(module: str) -> bool:
    return any(module == g or module.startswith(g + ".") for g in GLUE)


def test_no_module_imports_a_module_that_imports_it_back():
    """Tarjan's strongly connected components of the import graph are all single modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(GRAPH[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert cycles == []


def test_a_stage_imports_only_shared_modules_and_stages_upstream_of_it():
    wrong = []
    for module, imported in GRAPH.items():
        if is_glue(module):
            continue
        own = stage_of(module)
        for other in imported:
            theirs = stage_of(other)
            if is_glue(other):
                wrong.append(f"{module} -> {other} (glue)")
            elif theirs is None or theirs == own:
                continue
            elif own is None:
                wrong.append(f"{module} (shared) -> {other} (stage {theirs})")
            elif STAGE_RANK[theirs] >= STAGE_RANK[own]:
                wrong.append(f"{module} (stage {own}) -> {other} (stage {theirs})")
    assert wrong == []


def rule_files() -> dict[str, list[str]]:
    """Rule file stem -> the rules it defines."""
    return {
        path.stem: re.findall(r"^\s*rule (\w+):", path.read_text(encoding="utf-8"), re.M)
        for path in sorted(RULES.glob("*.smk"))
        if path.stem != "common"
    }


def test_each_rule_file_has_a_stage_package_and_a_glue_module():
    stems = set(rule_files())
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages - {"stages"} == stems == set(STAGE_RANK)
    glue = {p.stem for p in (PACKAGE / "stages").glob("*.py")} - {"__init__"}
    assert glue == stems


def test_every_rule_runs_the_glue_module_of_its_own_rule_file():
    for stem, rules in rule_files().items():
        for rule in rules:
            assert RUNNERS[rule].split(":")[0] == stem, rule
    assert sorted(RUNNERS) == sorted(r for rules in rule_files().values() for r in rules)


def test_few_shared_modules_sit_beside_the_stage_packages():
    top = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
    assert len(top) <= 12, top


@pytest.mark.parametrize("stage", sorted(STAGE_RANK))
def test_a_stage_package_says_what_it_does_and_exports_what_it_lists(stage):
    package = importlib.import_module(f"framelab.{stage}")
    assert package.__doc__ and f"``{stage}`` stage" in package.__doc__
    submodules = {p.stem for p in (PACKAGE / stage).glob("*.py")}
    assert package.__all__, stage
    for name in package.__all__:
        # a name equal to a submodule's would be replaced by the submodule once it is imported
        assert name not in submodules, name
        value = getattr(package, name)
        assert value is getattr(importlib.import_module(lazy_homes(package.__name__)[name]), name)
    assert set(dir(package)) >= set(package.__all__)
    with pytest.raises(AttributeError, match="has no attribute 'nosuch'"):
        package.nosuch  # noqa: B018
