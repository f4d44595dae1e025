"""Read labelled mentions, train the default model, and save, load or cache fitted models."""

from __future__ import annotations

import json
import logging
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sklearn

from framelab import __version__
from framelab.cache import cache_dir
from framelab.errors import InputError
from framelab.io import atomic_path, file_sha256
from framelab.stance.coded import CodedMentions
from framelab.stance.cues import CueLexicon, load_cues
from framelab.stance.model import CLASSES, StanceModel
from framelab.stance.paths import DEFAULT_CUES_PATH, DEFAULT_TRAIN_PATH

__all__ = [
    "DEFAULT_CODED_WEIGHT",
    "DEFAULT_PARAMS",
    "LabelledMentions",
    "TrainingSet",
    "cached_default_model",
    "cached_model",
    "default_model_path",
    "file_sha256",
    "fit_linear",
    "load_model",
    "read_labelled",
    "save_model",
    "train_default_model",
    "training_set",
]

logger = logging.getLogger(__name__)

#: Parameters of the default model, chosen by 5-fold cross-validation on the training split
#: (folds grouped by sentence; see bench/train_stance.py). Macro-F1 under CV: logistic
#: regression 0.670, calibrated linear SVM 0.667, their average 0.671, all +-0.01; the SVM is
#: kept because it trains about four times faster. Without character n-grams: 0.661.
DEFAULT_PARAMS: dict = {
    "window": 6,
    "C": 1.0,
    "char_ngrams": True,
    "dense_weight": 0.3,
    "classifier": "svm",
}

#: Weight of each of a study's coded mentions against one NewsMTSC mention (config
#: ``stance.coded_weight``): a few hundred in-domain mentions beside 8,739 NewsMTSC ones.
DEFAULT_CODED_WEIGHT = 5.0

_FORMAT = "framelab.stance model"


@dataclass(frozen=True)
class LabelledMentions:
    """Mentions with gold polarities, as read from a NewsMTSC-style JSONL file."""

    ids: tuple[str, ...]
    sentences: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    labels: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.labels)


def read_labelled(path: str | Path) -> LabelledMentions:
    """Read ``{"id", "sentence", "from", "to", "polarity"}`` lines.

    Raises
    ------
    InputError
        Naming the file and line of every bad line (not JSON, missing field, span outside the
        sentence, unknown polarity), or if the file is missing or empty.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: labelled data not found")
    ids, sentences, spans, labels, problems = [], [], [], [], []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            sentence, start, end = row["sentence"], row["from"], row["to"]
            label = row["polarity"]
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            problems.append(f"{path} line {no}: expected a JSON object with sentence, from, to, "
                            f"polarity ({type(err).__name__}: {err})")  # fmt: skip
            continue
        ok_span = (
            isinstance(sentence, str) and type(start) is int and type(end) is int
            and 0 <= start < end <= len(sentence)
        )  # fmt: skip
        if not ok_span:
            problems.append(f"{path} line {no}: bad span from={start!r} to={end!r}")
        elif label not in CLASSES:
            problems.append(f"{path} line {no}: polarity {label!r}; allowed: {list(CLASSES)}")
        else:
            ids.append(str(row.get("id", no)))
            sentences.append(sentence)
            spans.append((start, end))
            labels.append(label)
    if problems:
        raise InputError(problems[:20])
    if not labels:
        raise InputError(f"{path}: no labelled mentions")
    return LabelledMentions(tuple(ids), tuple(sentences), tuple(spans), tuple(labels))


@dataclass(frozen=True)
class TrainingSet:
    """What a stance engine learns from: mentions, their labels and sample weights.

    ``doc_ids`` is None for a mention of the training split and the study document's id for
    a coded mention.
    """

    sentences: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    labels: tuple[str, ...]
    weights: tuple[float, ...]
    doc_ids: tuple[str | None, ...]

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def n_coded(self) -> int:
        """How many of the mentions are the study's coded mentions."""
        return sum(doc is not None for doc in self.doc_ids)


def training_set(
    training: LabelledMentions,
    coded: CodedMentions | None = None,
    *,
    coded_weight: float = DEFAULT_CODED_WEIGHT,
) -> TrainingSet:
    """The training split (weight 1 each) followed by the coded mentions (``coded_weight``
    each), for any engine to fit on.

    Raises
    ------
    InputError
        If ``coded_weight`` is not positive.
    """
    if not coded_weight > 0:
        raise InputError(f"the weight of coded mentions must be > 0, got {coded_weight!r}")
    base = TrainingSet(training.sentences, training.spans, training.labels,
                       (1.0,) * len(training), (None,) * len(training))  # fmt: skip
    if coded is None:
        return base
    return TrainingSet(
        sentences=base.sentences + coded.sentences,
        spans=base.spans + coded.spans,
        labels=base.labels + coded.labels,
        weights=base.weights + (float(coded_weight),) * len(coded),
        doc_ids=base.doc_ids + coded.doc_ids,
    )


def fit_linear(data: TrainingSet, *, cues: CueLexicon, random_state: int = 0) -> StanceModel:
    """Fit the linear engine (:class:`StanceModel` with :data:`DEFAULT_PARAMS`).

    Without coded mentions (all weights 1) the fit is the same as without weights.
    """
    model = StanceModel(**DEFAULT_PARAMS, cues=cues, random_state=random_state)
    weights = data.weights if data.n_coded else None
    model.fit(data.sentences, data.spans, data.labels, sample_weight=weights)
    model.n_coded_ = data.n_coded
    return model


def train_default_model(
    data_path: str | Path = DEFAULT_TRAIN_PATH,
    *,
    cues_path: str | Path = DEFAULT_CUES_PATH,
    random_state: int = 0,
    coded: CodedMentions | None = None,
    coded_weight: float = DEFAULT_CODED_WEIGHT,
) -> StanceModel:
    """Fit :class:`StanceModel` with :data:`DEFAULT_PARAMS` on a labelled JSONL file, and on
    a study's ``coded`` mentions (each weighted ``coded_weight``) when given.

    The default data is the NewsMTSC training split shipped in ``data/stance/``; the lexicon
    features read the cue lexicon ``cues_path`` (a study's ``stance.cues``). The fitted model
    carries ``training_sha256_`` (of the data file), ``cues_sha256_`` (of the cue lexicon),
    ``n_coded_`` (coded mentions learnt from) and ``framelab_version_``.
    """
    data = training_set(read_labelled(data_path), coded, coded_weight=coded_weight)
    model = fit_linear(data, cues=load_cues(cues_path), random_state=random_state)
    model.training_sha256_ = file_sha256(data_path)
    model.cues_sha256_ = file_sha256(cues_path)
    model.framelab_version_ = __version__
    return model


def save_model(model: StanceModel, path: str | Path) -> Path:
    """Pickle a fitted model with its provenance (framelab version, training data sha256).

    Only load files written by this function from places you trust: unpickling runs code.
    """
    if not hasattr(model, "models_"):
        raise InputError("save_model needs a fitted StanceModel; call fit first")
    payload = {
        "format": _FORMAT,
        "framelab_version": getattr(model, "framelab_version_", __version__),
        "training_sha256": getattr(model, "training_sha256_", None),
        "params": model.get_params(deep=False) | {"cues": None},
        "model": model,
    }
    with atomic_path(path) as tmp, tmp.open("wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return Path(path)


def load_model(path: str | Path) -> StanceModel:
    """Read a model written by :func:`save_model`.

    Raises
    ------
    InputError
        If the file is missing or is not a framelab stance model.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: model file not found")
    try:
        with path.open("rb") as fh:
            payload = pickle.load(fh)
    except Exception as err:  # noqa: BLE001 - any unpickling failure means a bad file
        raise InputError(f"{path}: not a readable model file ({type(err).__name__})") from None
    if not isinstance(payload, dict) or payload.get("format") != _FORMAT:
        raise InputError(f"{path}: not a framelab stance model (got {type(payload).__name__})")
    model = payload["model"]
    model.training_sha256_ = payload["training_sha256"]
    model.framelab_version_ = payload["framelab_version"]
    return model


def default_model_path(cache: str | Path | None = None) -> Path:
    """Where :func:`cached_default_model` keeps the default model.

    ``<cache>/stance-<framelab>-sklearn<version>-<data sha256[:12]>.pkl``, with ``cache``
    defaulting to :func:`~framelab.cache.cache_dir`; a new framelab or scikit-learn
    version or new training data thus trains a fresh model.
    """
    cache = Path(cache) if cache is not None else cache_dir()
    digest = file_sha256(DEFAULT_TRAIN_PATH)
    return cache / f"stance-{__version__}-sklearn{sklearn.__version__}-{digest[:12]}.pkl"


def cached_default_model(cache: str | Path | None = None) -> StanceModel:
    """The default model from the cache; trained and cached first if absent or unreadable."""

    def train(path: Path) -> StanceModel:
        model = train_default_model()
        save_model(model, path)
        return model

    return cached_model(default_model_path(cache), load=load_model, train=train, what="default")


def cached_model(path: Path, *, load: Callable[[Path], Any], train: Callable[[Path], Any],
                 what: str) -> Any:  # fmt: skip
    """The model cached at ``path`` when it loads and was trained on the shipped training
    split (its ``training_sha256_``); else ``train(path)``, which trains, caches at ``path``
    and returns the model. ``what`` names the model in the log."""
    if path.is_file():
        try:
            model = load(path)
        except InputError as err:
            logger.warning("ignoring the cached %s stance model: %s", what, err)
        else:
            if model.training_sha256_ == file_sha256(DEFAULT_TRAIN_PATH):
                return model
    logger.info("training the %s stance model (cached at %s)", what, path)
    return train(path)
