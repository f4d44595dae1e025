"""framelab: reproducible source comparison and framing analysis of news corpora.

The library behind the Snakemake workflow, one subpackage per stage of the DAG (as the rule
files in ``workflow/rules/`` name them): ``ingest``, ``clean``, ``segment``, ``terms``,
``topics``, ``framing``, ``stance``, ``figures``, ``report``. A stage's package imports the
shared modules at this level and the packages of stages upstream of it, never downstream;
``stages`` is the glue that each rule runs. Every function is usable outside the DAG.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("framelab")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__", "lazy_exports"]


def lazy_exports(
    package: str, modules: Mapping[str, Sequence[str]]
) -> tuple[list[str], Callable[[str], Any], Callable[[], list[str]]]:
    """The public API of a stage package, each name imported from its module on first use.

    A job imports only the modules its stage calls: ``from framelab import terms`` costs
    nothing, and ``terms.find_mentions`` loads :mod:`framelab.terms.targets` alone, not the
    scikit-learn and SciPy modules of the term statistics.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    modules : mapping of str to sequence of str
        Submodule name (relative to ``package``) -> the names it exports.

    Returns
    -------
    tuple
        ``__all__``, ``__getattr__`` and ``__dir__`` for the package's ``__init__``.
    """
    home = {name: f"{package}.{module}" for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module-level hook of PEP 562
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home[name]), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted(home)

    return sorted(home), __getattr__, __dir__
