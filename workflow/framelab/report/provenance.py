"""What made a run: the validated config as YAML and the versions of the software it used."""

from __future__ import annotations

import platform
from importlib import metadata
from typing import Any

import pandas as pd
import yaml

__all__ = ["SOFTWARE", "config_yaml", "software_versions"]

SOFTWARE = [
    "framelab", "snakemake", "scikit-learn", "nltk", "numpy", "scipy", "pandas", "pyarrow",
    "matplotlib", "networkx", "trafilatura", "py3langid", "vaderSentiment", "jsonschema",
]  # fmt: skip
"""The distributions whose versions a run records, besides Python's."""


def config_yaml(config: dict[str, Any]) -> str:
    """The validated config (defaults filled in) as YAML, keys sorted."""
    settings = {k: v for k, v in config.items() if k != "framelab_version"}
    return yaml.safe_dump(settings, sort_keys=True, allow_unicode=True)


def software_versions() -> pd.DataFrame:
    """Python's version and that of each of :data:`SOFTWARE`: columns ``software, version``."""
    rows = [("python", platform.python_version())]
    rows += [(name, metadata.version(name)) for name in SOFTWARE]
    return pd.DataFrame(rows, columns=["software", "version"])
