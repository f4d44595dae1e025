"""pyproject.toml, environment.yml (with the optional environment.transformer.yml) and
requirements-lock.txt must describe the same software."""

import re
import tomllib

import yaml

from .conftest import ROOT

_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def parse(requirement: str) -> tuple[str, str]:
    name, spec = _REQUIREMENT.match(requirement).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), spec.replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["dependencies"] + sum(project["optional-dependencies"].values(), [])
    return dict(parse(r) for r in listed)


def conda_requirements() -> dict[str, str]:
    listed = []
    for name in ("environment.yml", "environment.transformer.yml"):
        listed += conda_file(name)
    return dict(parse(r) for r in listed)


def conda_file(name: str) -> list[str]:
    env = yaml.safe_load((ROOT / name).read_text())
    listed = []
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            listed += entry["pip"]
        elif not entry.startswith(("python", "pip")):
            listed.append(entry)
    return listed


def test_environment_yml_matches_pyproject():
    assert conda_requirements() == pyproject_requirements()


def test_the_transformer_extra_has_its_own_optional_conda_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extra = dict(parse(r) for r in project["optional-dependencies"]["transformer"])
    assert dict(parse(r) for r in conda_file("environment.transformer.yml")) == extra
    assert not set(extra) & {parse(r)[0] for r in conda_file("environment.yml")}


def test_lock_file_pins_every_dependency_within_its_bounds():
    from packaging.specifiers import SpecifierSet

    pins = {}
    for line in (ROOT / "requirements-lock.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[parse(name)[0]] = version.strip()
    for name, spec in pyproject_requirements().items():
        assert name in pins, f"{name} is not pinned in requirements-lock.txt"
        assert pins[name] in SpecifierSet(spec), f"{name}=={pins[name]} violates {spec}"
