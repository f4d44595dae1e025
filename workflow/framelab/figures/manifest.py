"""The figure manifest: what each figure is, which rule and settings made it, from which data."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from framelab.io import file_sha256

__all__ = ["CAPTION_DIR", "MANIFEST_COLUMNS", "caption_path", "caption_text", "figure_manifest"]

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


def caption_text(name: str, config: Mapping[str, Any] | None = None) -> str:
    """The caption of figure ``name`` as the report shows it, on one line.

    ``workflow/report/<name>.rst`` is a Jinja2 template, as Snakemake's report renders it:
    ``snakemake.config`` is the study's config (e.g. the interval level ``stats.ci``).

    Raises
    ------
    jinja2.UndefinedError
        For a template reading a setting ``config`` lacks (name and setting in the message).
    """
    template = jinja2.Template(
        caption_path(name).read_text(encoding="utf-8"), undefined=jinja2.StrictUndefined
    )
    try:
        rendered = template.render(snakemake=_CaptionContext(dict(config or {})))
    except jinja2.UndefinedError as err:
        raise jinja2.UndefinedError(f"caption {caption_path(name)}: {err}") from err
    return " ".join(rendered.split())


class _CaptionContext:
    """What a caption template reads, as in Snakemake's report: ``snakemake.config``."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config


def figure_manifest(
    entries: Mapping[str, Mapping[str, Any]], config: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """One row per figure.

    Parameters
    ----------
    entries : mapping
        Figure name to ``rule``, ``files`` (paths written), ``inputs`` (paths of the tables
        drawn from) and ``config`` (the config sections the rule reads). The caption is the
        figure's ``workflow/report/<name>.rst`` rendered with the study's ``config``.

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
                "caption": caption_text(name, config),
                "rule": entry["rule"],
                "config_keys": ";".join(sorted(settings)),
                "config_sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
                "inputs": ";".join(f"{p}={file_sha256(p)}" for p in entry["inputs"]),
            }
        )
    return pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
