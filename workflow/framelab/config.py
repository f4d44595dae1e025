"""Study configuration: load, validate against the JSON Schema, fill defaults."""

from __future__ import annotations

import copy
import difflib
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from framelab.errors import InputError

__all__ = [
    "SCHEMA_DIR",
    "Outlet",
    "schema_validator",
    "bootstrap_settings",
    "load_config",
    "load_schema",
    "outlets",
    "validate_config",
]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


@dataclass(frozen=True)
class Outlet:
    """An outlet as the figures show it."""

    id: str
    name: str
    colour: str


def schema_validator(schema: Mapping[str, Any]) -> Any:
    """A JSON Schema (draft 2020-12) validator for ``schema``, checking no string formats.

    Importing ``jsonschema`` imports ``rfc3987_syntax`` when it is installed (Jupyter installs
    it), which compiles an IRI grammar for the ``iri`` format check: about 2 s of every
    ``snakemake`` start. framelab's schemas check no formats, so that import is declined while
    ``jsonschema`` loads; later imports of ``rfc3987_syntax`` work as usual.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # ImportError
        try:
            import jsonschema
        finally:
            del sys.modules["rfc3987_syntax"]
    import jsonschema

    return jsonschema.Draft202012Validator(schema)


def load_schema(name: str) -> dict[str, Any]:
    """Read ``workflow/schemas/<name>.schema.yaml``."""
    with open(SCHEMA_DIR / f"{name}.schema.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_config(path: str | Path) -> dict[str, Any]:
    """Read a study YAML file, validate it and fill in defaults.

    Raises
    ------
    InputError
        If the file is not valid YAML or breaks the schema; each message names the key.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
    except FileNotFoundError as err:
        raise InputError(f"{path}: config file not found") from err
    except yaml.YAMLError as err:
        raise InputError(f"{path}: not valid YAML: {err}") from err
    return validate_config(raw if raw is not None else {}, source=str(path))


def validate_config(config: Mapping[str, Any], *, source: str = "config") -> dict[str, Any]:
    """Validate a config mapping against ``config.schema.yaml`` and return it with defaults.

    Parameters
    ----------
    config : mapping
        The parsed study configuration.
    source : str, default="config"
        Name of the file it came from, used in messages.

    Returns
    -------
    dict
        A deep copy with every missing key that has a schema default filled in.

    Raises
    ------
    InputError
        One message per violation, each naming the key path (e.g. ``topics.k``).
    """
    schema = load_schema("config")
    filled = copy.deepcopy(dict(config))
    _fill_defaults(filled, schema)
    validator = schema_validator(schema)
    errors = sorted(validator.iter_errors(filled), key=lambda e: [str(p) for p in e.path])
    if errors:
        raise InputError([f"{source}: {_describe(err, schema)}" for err in errors])
    _check_references(filled, source)
    return filled


def outlets(config: Mapping[str, Any]) -> dict[str, Outlet]:
    """Outlets in config order, by id."""
    return {
        key: Outlet(id=key, name=spec["name"], colour=spec["colour"])
        for key, spec in config["outlets"].items()
    }


def bootstrap_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """What every per-outlet estimate with an interval takes: ``n_boot``, ``ci``,
    ``random_state`` and ``min_docs`` (below which it is flagged as fragile)."""
    stats = config["stats"]
    return {
        "n_boot": stats["n_boot"],
        "ci": stats["ci"],
        "random_state": config["random_state"],
        "min_docs": stats["min_docs"],
    }


def _check_references(config: dict[str, Any], source: str) -> None:
    """Cross-key checks the schema cannot express."""
    first, last = config["corpus"]["date_window"]
    if last is not None and first > last:
        raise InputError(
            f"{source}: corpus.date_window: the first year ({first}) is after the last ({last})"
        )
    declared = list(config["outlets"])
    names: dict[str, str] = {}
    for key, spec in config["outlets"].items():
        if spec["name"] in names:
            raise InputError(
                f"{source}: outlets.{key}.name: {spec['name']!r} is also the name of outlet "
                f"{names[spec['name']]!r}; the data may spell an outlet by its name, so names "
                "must be unique"
            )
        names[spec["name"]] = key
    if config["targets"]["use"] and not config["targets"].get("lexicon"):
        raise InputError(
            f"{source}: targets.use names {config['targets']['use']} but targets.lexicon is not "
            "set: give the file that defines them"
        )
    headline = config.get("headline", {}).get("target")
    if headline is not None and headline not in config["targets"]["use"]:
        raise InputError(
            f"{source}: headline.target: {headline!r} is not in targets.use "
            f"{config['targets']['use']}"
        )
    compare = config["terms"].get("compare")
    if compare is None:  # the pairwise figure compares the two outlets with the most documents
        return
    unknown = [o for o in compare if o not in declared]
    if unknown:
        raise InputError(
            f"{source}: terms.compare: {unknown} not in config 'outlets'; declared: {declared}"
        )


def _fill_defaults(instance: Any, schema: Mapping[str, Any]) -> None:
    """Set schema defaults for missing object keys, recursively (in place)."""
    if not isinstance(instance, dict):
        return
    for key, sub in schema.get("properties", {}).items():
        if key not in instance and "default" in sub:
            instance[key] = copy.deepcopy(sub["default"])
        if key in instance:
            _fill_defaults(instance[key], sub)


def _describe(error: Any, schema: Mapping[str, Any]) -> str:
    """A message that names the key and, for an unknown key, the closest allowed one."""
    where = ".".join(str(p) for p in error.absolute_path) or "top level"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        hints = []
        for key in unknown:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            hints.append(f"unknown key {key!r}{hint}")
        return f"{where}: {'; '.join(hints)}; allowed keys are {allowed}"
    return f"{where}: {error.message}"
