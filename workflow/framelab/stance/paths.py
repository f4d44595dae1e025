"""Where the stance module finds its shipped data and keeps what it builds (model, NLTK data)."""

from __future__ import annotations

from pathlib import Path

from framelab.cache import REPO, cache_dir

__all__ = ["DEFAULT_CUES_PATH", "DEFAULT_TRAIN_PATH", "REPO", "cache_dir"]

DEFAULT_TRAIN_PATH: Path = REPO / "data/stance/newsmtsc-train.jsonl"
DEFAULT_CUES_PATH: Path = REPO / "data/lexicons/stance-cues.yaml"
