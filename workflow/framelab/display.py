"""How ids are shown to readers: the display names (``label``) that lexicons give entries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from framelab.io import read_yaml

__all__ = ["display_name", "lexicon_labels"]


def display_name(key: str, labels: Mapping[str, str] | None = None) -> str:
    """How a target, frame or type id is shown: its display name from ``labels`` (the
    lexicon's ``label``), else the id with spaces for ``_`` and a capital first letter."""
    if labels and labels.get(key):
        return str(labels[key])
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def lexicon_labels(config: Mapping[str, Any], section: str) -> dict[str, str]:
    """Display names the ``section`` lexicon (config ``<section>.lexicon``: targets or frames)
    gives its entries under ``label``; entries without one are named from their id."""
    path = config.get(section, {}).get("lexicon")
    if not path:
        return {}
    raw = read_yaml(path, f"{section} lexicon")
    entries = raw.get(section) if isinstance(raw, dict) else None
    return {
        str(key): str(spec["label"])
        for key, spec in (entries or {}).items()
        if isinstance(spec, dict) and spec.get("label")
    }
