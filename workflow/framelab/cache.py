"""Where framelab keeps what it builds from installed packages (models, NLTK data, py3langid's
unpacked model)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["REPO", "cache_dir"]

#: The source tree framelab runs from (or the install prefix, without a ``pyproject.toml``).
REPO: Path = Path(__file__).resolve().parents[2]


def cache_dir() -> Path:
    """The cache folder (not created): ``$FRAMELAB_CACHE`` if set; else the project's own
    ``.cache/`` (NLTK data folder and cached models, built by ``make setup``) when running from
    a source tree; else ``~/.cache/framelab``."""
    configured = os.environ.get("FRAMELAB_CACHE")
    if configured:
        return Path(configured).expanduser()
    if (REPO / "pyproject.toml").is_file():
        return REPO / ".cache"
    return Path.home() / ".cache" / "framelab"
