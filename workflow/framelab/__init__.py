"""framelab: reproducible source comparison and framing analysis of news corpora.

The library behind the Snakemake workflow: every stage (ingest, clean, segment, terms, topics,
figures, summary) is a plain function here, tested directly and usable outside the DAG.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("framelab")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
