"""Library baselines: the plainest good way to do each stage's core work, on the same corpus.

    python bench/baselines.py bench/work/10000 terms     # prints CPU and wall seconds of the work

Each baseline reads the same inputs as its stage (the files the DAG wrote under
``results/<study>/``, where it also writes what it makes)
and does the stage's central computation with a standard library call, without framelab's
bookkeeping (audit records, offsets, intervals, provenance). Its time includes importing the
libraries it uses, as a pipeline job's time includes its start-up; reading the config and
listing files is not timed. ``bench/run.py`` divides each stage's time by its baseline's.

Stages without a meaningful baseline are listed in :data:`NO_BASELINE` with the reason.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

__all__ = ["BASELINES", "NO_BASELINE", "run_baseline"]

Work = Callable[[Path, dict[str, Any]], None]


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern))


def _ingest(folder: Path, config: dict[str, Any]) -> None:
    """Read every listed file, hash and decode it, identify its language (py3langid on the
    middle 3,000 characters, the sample ingest classifies), write the texts as Parquet."""
    import hashlib

    import pandas as pd
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    metadata = Path(config["corpus"]["metadata"])
    with open(metadata, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts, digests, languages = [], [], []
    for row in rows:
        data = (metadata.parent / row["path"]).read_bytes()
        digests.append(hashlib.sha256(data).hexdigest())
        text = data.decode("utf-8")
        texts.append(text)
        start = max(0, (len(text) - 3000) // 2)
        languages.append(identifier.classify(text[start : start + 3000])[0])
    table = pd.DataFrame(
        {"doc_id": [r["doc_id"] for r in rows], "sha256": digests, "language": languages}
    ).assign(text=texts)
    table.to_parquet(folder / "baseline-ingest.parquet")


def _clean(folder: Path, config: dict[str, Any]) -> None:
    """Boilerplate removal with jusText (Pomikalák 2011), the classic library for the job:
    each document's lines as HTML paragraphs, classified with its English stoplist."""
    import html

    import justext
    import pandas as pd

    stoplist = justext.get_stoplist("English")
    for path in _files(folder, "corpus/shard-*.parquet"):
        shard = pd.read_parquet(path)
        bodies = []
        for text in shard["text"]:
            page = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line)
            paragraphs = justext.justext(f"<html><body>{page}</body></html>", stoplist)
            bodies.append("\n\n".join(p.text for p in paragraphs if not p.is_boilerplate))
        shard.assign(text=bodies).to_parquet(folder / "baseline-clean.parquet")


def _clean_tables(folder: Path, config: dict[str, Any]) -> None:
    """Concatenate the per-shard record tables and write them as CSV (pandas)."""
    import pandas as pd

    for kind in ("removed", "repairs", "entities"):
        tables = [pd.read_parquet(p) for p in _files(folder, f"clean/{kind}-*.parquet")]
        pd.concat(tables).to_csv(folder / f"baseline-{kind}.csv", index=False)


def _segment(folder: Path, config: dict[str, Any]) -> None:
    """NLTK Punkt sentence spans of every paragraph (split on blank lines)."""
    import pandas as pd
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    abbreviations = Path(config["segment"]["abbreviations"]).read_text(encoding="utf-8")
    params.abbrev_types = {a.strip().lower().rstrip(".") for a in abbreviations.split()}
    punkt = PunktSentenceTokenizer(params)
    for path in _files(folder, "clean/shard-*.parquet"):
        rows = [
            (doc_id, start, end)
            for doc_id, text in pd.read_parquet(path, columns=["doc_id", "text"]).itertuples(
                index=False
            )
            for paragraph in text.split("\n\n")
            for start, end in punkt.span_tokenize(paragraph)
        ]
        pd.DataFrame(rows).to_parquet(folder / "baseline-segment.parquet")


def _mentions(folder: Path, config: dict[str, Any]) -> None:
    """One alternation of every target pattern, ``finditer`` over every sentence (re)."""
    import re

    import pandas as pd

    lexicon = yaml.safe_load(Path(config["targets"]["lexicon"]).read_text(encoding="utf-8"))
    sources = [p for name in config["targets"]["use"] for p in lexicon["targets"][name]["patterns"]]
    pattern = re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE)
    for path in _files(folder, "units/sentences-*.parquet"):
        texts = pd.read_parquet(path, columns=["text"])["text"]
        _ = [m.span() for text in texts for m in pattern.finditer(text)]


def _terms(folder: Path, config: dict[str, Any]) -> None:
    """scikit-learn CountVectorizer (its own tokenizer, the study's stopwords and min_df),
    then per-outlet sums with one sparse product."""
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer

    docs = pd.concat(
        pd.read_parquet(p, columns=["outlet", "text"])
        for p in _files(folder, "clean/shard-*.parquet")
    )
    stopwords = Path(config["terms"]["stopwords"]).read_text(encoding="utf-8").split()
    vectorizer = CountVectorizer(stop_words=stopwords, min_df=2, dtype=np.int64)
    matrix = vectorizer.fit_transform(docs["text"])
    codes, outlets = pd.factorize(docs["outlet"])
    membership = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
    _ = membership @ matrix


def _context(folder: Path, config: dict[str, Any]) -> None:
    """KWIC by slicing the clean text around each mention, and collocate counts of the
    mention sentences with CountVectorizer."""
    import pandas as pd
    from sklearn.feature_extraction.text import CountVectorizer

    mentions = pd.concat(
        pd.read_parquet(p) for p in _files(folder, "features/targets/mentions-*.parquet")
    )
    docs = pd.concat(
        pd.read_parquet(p, columns=["doc_id", "text"])
        for p in _files(folder, "clean/shard-*.parquet")
    )
    text_of = dict(zip(docs["doc_id"], docs["text"], strict=True))
    window = config["terms"]["kwic_window"]
    _ = [
        text_of[d][max(0, s - window) : e + window]
        for d, s, e in zip(mentions["doc_id"], mentions["start"], mentions["end"], strict=True)
    ]
    sentences = pd.concat(
        pd.read_parquet(p, columns=["unit_id", "text"])
        for p in _files(folder, "units/sentences-*.parquet")
    ).set_index("unit_id")["text"]
    CountVectorizer().fit_transform(sentences.loc[mentions["sentence_id"]])


def _topics(folder: Path, config: dict[str, Any]) -> None:
    """TfidfVectorizer (sublinear) over the paragraphs, then scikit-learn NMF for every K of
    the grid and every restart on the same selection sample, and the refit of one K on all
    units (MiniBatchNMF above ``topics.minibatch_above``), with the stage's iterations."""
    import numpy as np
    import pandas as pd
    from sklearn.decomposition import NMF, MiniBatchNMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    cfg, seed = config["topics"], config["random_state"]
    texts = pd.concat(
        pd.read_parquet(p, columns=["text"]) for p in _files(folder, "units/paragraphs-*.parquet")
    )["text"]
    stopwords = Path(config["terms"]["stopwords"]).read_text(encoding="utf-8").split()
    tfidf = TfidfVectorizer(
        sublinear_tf=True, stop_words=stopwords, min_df=cfg["min_df"], max_df=cfg["max_df"]
    ).fit_transform(texts)
    n_units = tfidf.shape[0]
    sample = tfidf
    if n_units > cfg["selection_max_units"]:
        rng = np.random.default_rng(seed)
        sample = tfidf[np.sort(rng.choice(n_units, cfg["selection_max_units"], replace=False))]
    grid = cfg["k_grid"]
    if grid == "auto":  # the stage's own grid for the corpus size
        from framelab.topics.selection import k_grid_for

        n_docs = sum(
            pd.read_parquet(p, columns=["doc_id"])["doc_id"].nunique()
            for p in _files(folder, "corpus/shard-*.parquet")
        )
        grid = k_grid_for(n_docs)
    for k in sorted(set(grid)):
        for restart in range(cfg["restarts"]):
            NMF(k, init="random", random_state=seed + restart, max_iter=1000).fit(sample)
    k = cfg["k"]
    if n_units > cfg["minibatch_above"]:
        MiniBatchNMF(k, init="random", batch_size=2048, max_iter=200, random_state=seed).fit(tfidf)
    elif sample is not tfidf:
        NMF(k, init="random", random_state=seed, max_iter=1000).fit(tfidf)


def _stance_pipeline() -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.svm import LinearSVC

    features = make_union(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                        max_features=100_000),
    )  # fmt: skip
    return make_pipeline(features, CalibratedClassifierCV(LinearSVC(C=0.1, random_state=0), cv=3))


def _training(config: dict[str, Any]) -> tuple[list[str], list[str]]:
    import json

    lines = Path(config["stance"]["training"]).read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [r["sentence"] for r in rows], [r["polarity"] for r in rows]


def _stance_model(folder: Path, config: dict[str, Any]) -> None:
    """Word 1-2-gram and character 2-5-gram TF-IDF with a calibrated linear SVM
    (scikit-learn), fitted on the same training file."""
    sentences, labels = _training(config)
    _stance_pipeline().fit(sentences, labels)


def _stance_score(folder: Path, config: dict[str, Any]) -> None:
    """The stage's two scores done the plain way: ``predict_proba`` of that scikit-learn
    pipeline on every mention's sentence, and NLTK's VADER ``polarity_scores`` on the
    ``stance.window`` whitespace tokens either side of the mention (the lexicon score's core).
    Importing pandas, scikit-learn and NLTK and loading the VADER lexicon are timed, as in
    every baseline; reading the tables and the fit are not."""
    lexicon_root = folder / "baseline-nltk_data"
    lexicon = lexicon_root / "sentiment" / "vader_lexicon.txt"
    lexicon.parent.mkdir(parents=True, exist_ok=True)
    lexicon.write_bytes(_vader_lexicon_bytes())
    started, cpu_started = time.perf_counter(), time.process_time()
    import nltk.data
    import pandas as pd
    import sklearn.calibration
    import sklearn.feature_extraction.text
    import sklearn.pipeline
    import sklearn.svm  # noqa: F401
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    nltk.data.path.append(str(lexicon_root))
    vader = SentimentIntensityAnalyzer(lexicon_file="sentiment/vader_lexicon.txt")
    imported = (time.perf_counter() - started, time.process_time() - cpu_started)
    mentions = pd.concat(
        pd.read_parquet(p) for p in _files(folder, "features/targets/mentions-*.parquet")
    )
    sentences = pd.concat(
        pd.read_parquet(p, columns=["unit_id", "text"])
        for p in _files(folder, "units/sentences-*.parquet")
    ).set_index("unit_id")["text"]
    texts = sentences.loc[mentions["sentence_id"]].tolist()
    spans = list(zip(mentions["sentence_start"], mentions["sentence_end"], strict=True))
    window = config["stance"]["window"]
    model = _stance_pipeline().fit(*_training(config))
    started, cpu_started = time.perf_counter(), time.process_time()
    model.predict_proba(texts)
    for text, (start, end) in zip(texts, spans, strict=True):
        words = text[:start].split()[-window:] + text[end:].split()[:window]
        vader.polarity_scores(" ".join(words))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    _untimed.append((imported[0] + wall, imported[1] + cpu))


def _vader_lexicon_bytes() -> bytes:
    """VADER's lexicon as the ``vaderSentiment`` package ships it (what framelab uses too).
    Not ``framelab.stance.vader``'s copy of this: importing that module loads NLTK, which
    the baseline times."""
    from importlib import resources

    return resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_bytes()


def _frames(folder: Path, config: dict[str, Any]) -> None:
    """One case-insensitive regex per frame (its terms as an alternation), ``findall`` over
    every paragraph (re)."""
    import re

    import pandas as pd

    lexicon = yaml.safe_load(Path(config["frames"]["lexicon"]).read_text(encoding="utf-8"))
    patterns = [
        re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(str(t)).replace(r"\*", r"\w*") for t in spec["terms"])
            + r")(?!\w)",
            re.IGNORECASE,
        )
        for spec in lexicon["frames"].values()
    ]
    for path in _files(folder, "units/paragraphs-*.parquet"):
        texts = pd.read_parquet(path, columns=["text"])["text"]
        _ = [[len(p.findall(text)) for p in patterns] for text in texts]


def _sources(folder: Path, config: dict[str, Any]) -> None:
    """One regex of the reporting verbs, ``finditer`` over every sentence (re)."""
    import re

    import pandas as pd

    lexicon = yaml.safe_load(Path(config["sources"]["lexicon"]).read_text(encoding="utf-8"))
    verbs = "|".join(re.escape(str(v)) for v in lexicon["reporting_verbs"])
    pattern = re.compile(rf"\b(?:{verbs}|according\s+to|citing)\b", re.IGNORECASE)
    for path in _files(folder, "units/sentences-*.parquet"):
        texts = pd.read_parquet(path, columns=["text"])["text"]
        _ = [m.span() for text in texts for m in pattern.finditer(text)]


_TERMS = "features/terms"
_TOPICS = "topics"
#: figure rule -> figure -> the tables it draws (as in the rule files)
FIGURE_TABLES: dict[str, dict[str, dict[str, str]]] = {
    "figures_terms": {
        "distinctive_terms": {
            "fightin": f"{_TERMS}/fightin_words.parquet",
            "sizes": f"{_TERMS}/outlet_sizes.csv",
        },
        "fightin_words": {
            "fightin": f"{_TERMS}/fightin_words.parquet",
            "sizes": f"{_TERMS}/outlet_sizes.csv",
        },
        "fightin_words_pair": {"pairs": f"{_TERMS}/fightin_words_pairs.parquet"},
        "outlet_similarity": {"similarity": f"{_TERMS}/outlet_similarity.csv"},
    },
    "figures_topics": {
        "topic_prevalence": {
            "topic_words": f"{_TOPICS}/topic_words.csv",
            "prevalence": f"{_TOPICS}/outlet_prevalence.csv",
        },
        "topic_selection": {"selection": f"{_TOPICS}/model_selection.csv"},
        "topic_network": {
            "topic_words": f"{_TOPICS}/topic_words.csv",
            "network": f"{_TOPICS}/topic_network.csv",
            "packages": f"{_TOPICS}/frame_packages.csv",
            "package_prevalence": f"{_TOPICS}/package_prevalence.csv",
        },
        "topic_time": {
            "topic_words": f"{_TOPICS}/topic_words.csv",
            "time": f"{_TOPICS}/prevalence_over_time.csv",
        },
    },
    "figures_framing": {
        "frames": {"frames": "features/frames/outlet_frames.csv"},
        "voices": {"sources": "features/sources/outlet_sources.csv"},
    },
    "figures_stance": {
        "stance": {
            "stance": "features/stance/outlet_stance.csv",
            "tests": "features/stance/outlet_tests.csv",
        },
        "headline": {
            "kwic": f"{_TERMS}/kwic.csv",
            "sizes": f"{_TERMS}/outlet_sizes.csv",
            "stance": "features/stance/outlet_stance.csv",
            "collocations": f"{_TERMS}/collocations.csv",
            "unit_frames": "features/frames/unit_frames.parquet",
        },
    },
}


def _figures(rule: str) -> Work:
    """matplotlib rendering the figures of ``rule``, the same figures the job draws, to the same
    files (PDF and PNG at the configured dpi, in the house style): importing matplotlib and
    each ``savefig`` are timed. framelab builds the figures untimed: reading the tables,
    choosing what to show, laying out the panels and placing labels are the job's own work."""

    def work(folder: Path, config: dict[str, Any]) -> None:
        import tempfile

        started, cpu_started = time.perf_counter(), time.process_time()
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        timed = [time.perf_counter() - started, time.process_time() - cpu_started]
        from framelab import figures
        from framelab.figures import style
        from framelab.stages.figures import FIGURES, run_figures

        def render(fig: Any, paths: Any, **_: Any) -> None:
            for path in paths:
                if str(path).endswith(".caption.txt"):
                    continue
                fmt = Path(path).suffix.lstrip(".")
                wall, cpu = time.perf_counter(), time.process_time()
                fig.savefig(out / Path(path).name, format=fmt, dpi=config["figures"]["dpi"])
                timed[0] += time.perf_counter() - wall
                timed[1] += time.process_time() - cpu
            plt.close(fig)

        # the job's drawing, our saving: the glue calls figures.save_figure, and
        # style.render_figure calls its module's own save_figure
        style.save_figure = figures.save_figure = render  # type: ignore[assignment]
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            arguments = {}
            for figure, tables in FIGURE_TABLES[rule].items():
                assert figure in FIGURES, figure
                files = {"vector": [out / f"{figure}.pdf"], "png": out / f"{figure}.png"}
                files |= {"csv": out / f"{figure}.csv"}
                if figure == "headline":
                    files["examples_out"] = out / "headline_kwic.md"
                for argument, path in (tables | files).items():
                    arguments[f"{figure}__{argument}"] = (
                        folder / path if isinstance(path, str) else path
                    )
            run_figures(config, **arguments)
        _untimed.append((timed[0], timed[1]))

    return work


#: stage label in the bench table -> (what the baseline is, the function that does it)
BASELINES: dict[str, tuple[str, Work]] = {
    "ingest": ("read + sha256 + decode + py3langid each file, Parquet out", _ingest),
    "clean": ("jusText boilerplate removal per document (English stoplist)", _clean),
    "clean_tables": ("pandas concat + to_csv", _clean_tables),
    "segment": ("NLTK Punkt span_tokenize per paragraph", _segment),
    "mentions": ("one re alternation of the target patterns, finditer", _mentions),
    "terms": ("sklearn CountVectorizer + sparse outlet sums", _terms),
    "context": ("slice +-window per mention + CountVectorizer of their sentences", _context),
    "topics": ("sklearn TfidfVectorizer + NMF per K x restart (+ refit)", _topics),
    "stance_model": ("sklearn TF-IDF word+char n-grams + calibrated LinearSVC fit", _stance_model),
    "stance_score": (
        "predict_proba of that sklearn pipeline + NLTK VADER on each mention's window",
        _stance_score,
    ),
    "frames": ("re alternation per frame, findall per paragraph", _frames),
    "sources": ("re alternation of reporting verbs, finditer per sentence", _sources),
    **{
        rule: (f"matplotlib saving the same {len(figures)} figures, PDF + PNG", _figures(rule))
        for rule, figures in FIGURE_TABLES.items()
    },
}
#: stages with no plain-library equivalent, and why
NO_BASELINE: dict[str, str] = {
    "frames_outlets": "none: gathers the shards' frame scores + document-bootstrap CIs",
    "stance_outlets": "none: gathers the scored mentions + bootstrap CIs, permutation tests",
    "topic_effects": "none: document-bootstrap differences (framelab.stats)",
    "topic_packages": "none: correlation network + Louvain on K topics (tiny)",
    "figures_index": "none: hashes the figure files",
    "summary": "none: writes summary.md from result tables",
}

_untimed: list[tuple[float, float]] = []  # (wall, cpu) of the only part a baseline times


def run_baseline(folder: Path, stage: str) -> tuple[float, float]:
    """Run the baseline of ``stage`` on the bench folder; return its wall and CPU seconds."""
    _, work = BASELINES[stage]
    config = yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8"))
    config = _with_defaults(config)
    _untimed.clear()
    started, cpu_started = time.perf_counter(), time.process_time()
    work(folder / "results" / config["study"], config)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    for mark in _untimed:  # (wall, cpu) of the part that counts, when a baseline says so
        wall, cpu = mark
    return wall, cpu


def _with_defaults(config: dict[str, Any]) -> dict[str, Any]:
    """The config with the schema's defaults filled in (framelab's own validation)."""
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "workflow"))
    from framelab.config import validate_config

    return validate_config(config, source="bench config")


if __name__ == "__main__":
    wall_s, cpu_s = run_baseline(Path(sys.argv[1]), sys.argv[2])
    print(f"{cpu_s:.3f} {wall_s:.3f}")  # CPU, then wall-clock seconds
