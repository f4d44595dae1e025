"""The notebooks' reader of a study's results, kept at this address for existing notebooks and
scripts: it lives in :mod:`framelab.report.results`.
"""

from framelab.report.results import TABLES, Results, load_results

__all__ = ["TABLES", "Results", "load_results"]
