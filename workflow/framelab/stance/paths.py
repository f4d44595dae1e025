"""Where the stance module finds its shipped data and keeps what it builds (model, NLTK data)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEFAULT_CUES_PATH", "DEFAULT_TRAIN_PATH", "REPO", "cache_dir"]

REPO: Path = Path(__file__).resolve().parents[3]
DEFAULT_TRAIN_PATH: Path = REPO / "data/stance/newsmtsc-train.jsonl"
DEFAULT_CUES_PATH: Path = REPO / "data/lexicons/stance-cues.yaml"


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
