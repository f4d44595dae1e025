"""Importing NLTK without loading scikit-learn and SciPy's statistics.

NLTK's package ``__init__`` imports its scikit-learn classifier wrapper and its association
measures, which load scikit-learn and ``scipy.stats`` when they are installed. framelab uses
neither from NLTK (its word tokenizer, Punkt, VADER and Snowball do not need them), and
loading the two takes about 1.4 s of every job that imports NLTK. NLTK guards both imports
(``try: ... except ImportError``), so hiding the two libraries while NLTK loads leaves out
exactly those features; they stay importable afterwards.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

__all__ = ["import_nltk"]

_NOT_NEEDED = ("sklearn", "scipy.stats")


def import_nltk(module: str) -> ModuleType:
    """``importlib.import_module(module)`` for a module of NLTK, loading NLTK itself without
    scikit-learn and SciPy's statistics unless the process has loaded them already."""
    if "nltk" not in sys.modules:
        hidden = [name for name in _NOT_NEEDED if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
        try:
            importlib.import_module("nltk")
        finally:
            for name in hidden:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]
    return importlib.import_module(module)
