"""Read what a pipeline run wrote: the loader notebooks and scripts use (nothing is recomputed).

from framelab.report.results import load_results
results = load_results("results")
results.table("fightin_words")          # a result table by name
results.figure("fightin_words")         # path of the figure's PNG
results.clean_documents()               # the clean text of every document
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["TABLES", "Results", "load_results"]

TABLES = {
    "ledger": "corpus/ledger.csv",
    "removed_lines": "clean/removed_lines.csv",
    "repairs": "clean/repairs.csv",
    "templates": "clean/templates.csv",
    "entity_mentions": "clean/entity_mentions.csv",
    "vocabulary": "features/terms/vocabulary.csv",
    "outlet_sizes": "features/terms/outlet_sizes.csv",
    "outlet_counts": "features/terms/outlet_counts.parquet",
    "fightin_words": "features/terms/fightin_words.parquet",
    "fightin_words_pairs": "features/terms/fightin_words_pairs.parquet",
    "keyness": "features/terms/keyness.parquet",
    "outlet_similarity": "features/terms/outlet_similarity.csv",
    "kwic": "features/terms/kwic.csv",
    "collocations": "features/terms/collocations.csv",
    "topic_words": "topics/topic_words.csv",
    "doc_topic": "topics/doc_topic.parquet",
    "topic_prevalence": "topics/outlet_prevalence.csv",
    "model_selection": "topics/model_selection.csv",
    "topic_frex": "topics/topic_frex.csv",
    "representative_units": "topics/representative_units.csv",
    "topic_differences": "topics/outlet_differences.csv",
    "prevalence_over_time": "topics/prevalence_over_time.csv",
    "frame_packages": "topics/frame_packages.csv",
    "package_prevalence": "topics/package_prevalence.csv",
    "stance_mentions": "features/stance/mentions.parquet",
    "outlet_stance": "features/stance/outlet_stance.csv",
    "stance_tests": "features/stance/outlet_tests.csv",
    "figure_index": "figures/index.csv",
}
_SHARDED = {
    "corpus": "corpus/shard-*.parquet",
    "clean_documents": "clean/shard-*.parquet",
    "paragraphs": "units/paragraphs-*.parquet",
    "sentences": "units/sentences-*.parquet",
    "mentions": "features/targets/mentions-*.parquet",
}


@dataclass(frozen=True)
class Results:
    """A results folder written by ``snakemake``; every accessor reads, none computes."""

    root: Path

    def table(self, name: str) -> pd.DataFrame:
        """A result table by name (see :data:`TABLES` and the sharded tables)."""
        if name in _SHARDED:
            return self._shards(name)
        if name not in TABLES:
            raise KeyError(f"no result table {name!r}; known: {sorted([*TABLES, *_SHARDED])}")
        path = self._path(TABLES[name])
        if path.suffix == ".parquet":
            return pd.read_parquet(path)
        return pd.read_csv(path, keep_default_na=False, na_values=[""])

    def clean_documents(self) -> pd.DataFrame:
        """Clean text and cleaning counts per document (all shards)."""
        return self._shards("clean_documents")

    def figure(self, name: str, fmt: str = "png") -> Path:
        """Path of a figure file, e.g. ``figure("fightin_words")``."""
        return self._path(f"figures/{name}.{fmt}")

    def figures(self) -> list[str]:
        """Names of the figures in this run."""
        return sorted(p.stem for p in (self.root / "figures").glob("*.png"))

    def summary(self) -> str:
        """The text of ``summary.md``."""
        return self._path("summary.md").read_text(encoding="utf-8")

    def _shards(self, name: str) -> pd.DataFrame:
        paths = sorted(self.root.glob(_SHARDED[name]))
        if not paths:
            raise FileNotFoundError(f"{self.root / _SHARDED[name]}: no files; run snakemake first")
        return pd.concat([pd.read_parquet(p) for p in paths], ignore_index=True)

    def _path(self, relative: str) -> Path:
        path = self.root / relative
        if not path.is_file():
            raise FileNotFoundError(f"{path}: not found; run `snakemake --cores 4` first")
        return path


def load_results(root: str | Path = "results") -> Results:
    """Open a results folder.

    Raises
    ------
    FileNotFoundError
        If the folder does not exist (the pipeline has not run).
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no results folder; run `snakemake --cores 4` first")
    return Results(root)
