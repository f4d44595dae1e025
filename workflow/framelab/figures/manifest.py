"""The figure manifest: what each figure is, which rule and settings made it, from which data."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from framelab.io import file_sha256

__all__ = ["CAPTION_DIR", "MANIFEST_COLUMNS", "caption_path", "figure_manifest"]

CAPTION_DIR = Path(__file__).resolve().parents[2] / "report"  # workflow/report/<name>.rst

MANIFEST_COLUMNS = [
    "figure",
    "files",
    "caption",
    "rule",
    "config_keys",
    "config_sha256",
    "inputs",
]


def caption_path(name: str) -> Path:
    """Where the caption of figure ``name`` is written: ``workflow/report/<name>.rst``."""
    return CAPTION_DIR / f"{name}.rst"


def figure_manifest(entries: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """One row per figure.

    Parameters
    ----------
    entries : mapping
        Figure name to ``rule``, ``files`` (paths written), ``inputs`` (paths of the tables
        drawn from) and ``config`` (the config sections the rule reads). The caption is the
        figure's ``workflow/report/<name>.rst``.

    Returns
    -------
    DataFrame
        :data:`MANIFEST_COLUMNS`, sorted by figure: ``files`` and ``inputs`` are ``;``-joined,
        each input as ``path=sha256``; ``config_sha256`` hashes the canonical JSON of the
        settings, so a figure can be cited as its path plus this hash.
    """
    rows = []
    for name in sorted(entries):
        entry = entries[name]
        settings = {k: v for k, v in entry["config"].items() if k != "framelab_version"}
        canonical = json.dumps(settings, sort_keys=True, separators=(",", ":"), default=str)
        rows.append(
            {
                "figure": name,
                "files": ";".join(entry["files"]),
                "caption": " ".join(caption_path(name).read_text(encoding="utf-8").split()),
                "rule": entry["rule"],
                "config_keys": ";".join(sorted(settings)),
                "config_sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
                "inputs": ";".join(f"{p}={file_sha256(p)}" for p in entry["inputs"]),
            }
        )
    return pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
