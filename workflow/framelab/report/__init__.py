"""The ``report`` stage: ``summary.md`` written from the result tables, the provenance of a
run, and :func:`load_results`, the notebooks' read-only view of a study's results.
"""

from framelab import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "provenance": ["SOFTWARE", "config_yaml", "software_versions"],
        "results": ["TABLES", "Results", "load_results"],
        "summary": ["render_summary"],
    },
)
