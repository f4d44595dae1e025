"""Type of the file lists stages take."""

from collections.abc import Sequence
from pathlib import Path

__all__ = ["Paths"]

Paths = Sequence[str | Path]
