"""Route library logging to a rule's log file (or stderr) for the length of a block."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

__all__ = ["log_to"]

_FORMAT = "%(levelname)s %(name)s: %(message)s"


@contextlib.contextmanager
def log_to(path: str | Path | None, *, level: int = logging.INFO) -> Iterator[logging.Logger]:
    """Send ``framelab`` log records to ``path`` (stderr when None); log any exception too."""
    logger = logging.getLogger("framelab")
    if path is None:
        handler: logging.Handler = logging.StreamHandler(sys.stderr)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(level)
    try:
        yield logger
    except Exception:
        logger.exception("stage failed")
        raise
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
        handler.close()
