"""The stance classifier: linear models on n-grams, window tokens and lexicon scores."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from framelab.errors import InputError
from framelab.stance.char_ngrams import char_wb_transform
from framelab.stance.cues import CueLexicon, load_cues
from framelab.stance.features import MentionFeatures, dense_matrix, mention_features

__all__ = ["CLASSES", "CLASSIFIERS", "StanceModel"]

logger = logging.getLogger(__name__)

#: The polarity labels, in the order of :meth:`StanceModel.predict_proba`'s columns.
CLASSES = ("negative", "neutral", "positive")
CLASSIFIERS = ("logreg", "svm", "ensemble")


class StanceModel(ClassifierMixin, BaseEstimator):
    """Polarity of a sentence toward a mention: negative, neutral or positive.

    Word 1-2-grams and character 2-5-grams (TF-IDF) of the sentence with the mention masked,
    side-and-distance-marked tokens of the window around the mention, and standardised
    lexicon scores (:data:`~framelab.stance.features.DENSE_FEATURES`), fed to a logistic
    regression, a calibrated linear SVM or the average of both.

    Parameters
    ----------
    window : int
        Tokens on each side of the mention for the window features.
    C : float
        Inverse regularisation strength of the logistic regression; the SVM uses ``C / 10``.
    char_ngrams : bool
        Whether to add character n-grams of the masked sentence.
    dense_weight : float
        Scale of the standardised lexicon scores relative to the TF-IDF blocks.
    classifier : {"svm", "logreg", "ensemble"}
        A linear SVM with sigmoid calibration (3 folds), a multinomial logistic regression,
        or the average of their probabilities.
    class_weight : dict, "balanced" or None
        Passed to the linear models.
    cues : CueLexicon, optional
        Domain cues for the lexicon features; default :func:`load_cues`.
    random_state : int
        Seed for the SVM and its calibration folds.

    Attributes
    ----------
    classes_ : ndarray of str
    cues_ : CueLexicon
    vectorizers_ : dict of str to TfidfVectorizer
    scaler_ : StandardScaler
    models_ : list of fitted classifiers
    n_features_ : int
    """

    def __init__(
        self,
        *,
        window: int = 6,
        C: float = 1.0,
        char_ngrams: bool = True,
        dense_weight: float = 0.3,
        classifier: str = "svm",
        class_weight: dict | str | None = None,
        cues: CueLexicon | None = None,
        random_state: int = 0,
    ) -> None:
        self.window = window
        self.C = C
        self.char_ngrams = char_ngrams
        self.dense_weight = dense_weight
        self.classifier = classifier
        self.class_weight = class_weight
        self.cues = cues
        self.random_state = random_state

    # -- fitting -----------------------------------------------------------------------------

    def fit(
        self,
        sentences: Sequence[str],
        spans: Sequence[tuple[int, int]],
        labels: Sequence[str],
        sample_weight: Sequence[float] | None = None,
    ) -> StanceModel:
        """Learn from mentions ``sentences[i][spans[i][0]:spans[i][1]]`` and their labels.

        ``sample_weight`` (one positive number per mention, default all 1) weights each
        mention in the classifiers' losses; the TF-IDF vocabularies and the scaling of the
        lexicon scores are learnt unweighted.
        """
        self._validate_params()
        labels = np.asarray(labels, dtype=object)
        if len(labels) != len(sentences):
            raise InputError(f"got {len(sentences)} sentences but {len(labels)} labels")
        weights = None
        if sample_weight is not None:
            weights = np.asarray(sample_weight, dtype=float)
            if weights.shape != (len(labels),) or not np.all(weights > 0):
                raise InputError(
                    f"sample_weight needs one positive number per mention ({len(labels)}), "
                    f"got shape {weights.shape}"
                )
        unknown = sorted(set(labels) - set(CLASSES))
        if unknown:
            raise InputError(f"unknown polarity label(s) {unknown}; allowed: {list(CLASSES)}")
        self.cues_ = self.cues if self.cues is not None else load_cues()
        features = self._features(sentences, spans)
        self.vectorizers_ = {
            "word": TfidfVectorizer(
                ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"\S+",
                lowercase=False,
            ),
            "window": TfidfVectorizer(
                min_df=2, sublinear_tf=True, token_pattern=r"\S+", lowercase=False
            ),
        }  # fmt: skip
        if self.char_ngrams:
            self.vectorizers_["char"] = TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                max_features=100_000, lowercase=False,
            )  # fmt: skip
        self.scaler_ = StandardScaler()
        X = self._matrix(features, fit=True)
        self.n_features_ = X.shape[1]
        y = labels.astype(str)
        self.models_ = []
        if self.classifier in ("logreg", "ensemble"):
            self.models_.append(
                LogisticRegression(
                    C=self.C, max_iter=3000, class_weight=self.class_weight,
                    random_state=self.random_state,
                ).fit(X, y, sample_weight=weights)
            )  # fmt: skip
        if self.classifier in ("svm", "ensemble"):
            svm = LinearSVC(
                C=self.C / 10, class_weight=self.class_weight, random_state=self.random_state
            )
            self.models_.append(CalibratedClassifierCV(svm, cv=3).fit(X, y, sample_weight=weights))
        self.classes_ = np.array(CLASSES, dtype=object)
        logger.info(
            "fitted %s stance model on %d mentions, %d features",
            self.classifier, len(y), self.n_features_,
        )  # fmt: skip
        return self

    def _validate_params(self) -> None:
        if self.classifier not in CLASSIFIERS:
            raise ValueError(f"classifier must be one of {CLASSIFIERS}, got {self.classifier!r}")
        if isinstance(self.window, bool) or not isinstance(self.window, int) or self.window < 1:
            raise ValueError(f"window must be an integer >= 1, got {self.window!r}")
        if not self.C > 0:
            raise ValueError(f"C must be > 0, got {self.C!r}")
        if not self.dense_weight >= 0:
            raise ValueError(f"dense_weight must be >= 0, got {self.dense_weight!r}")

    # -- features ----------------------------------------------------------------------------

    def _features(
        self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]
    ) -> list[MentionFeatures]:
        if len(spans) != len(sentences):
            raise InputError(f"got {len(sentences)} sentences but {len(spans)} spans")
        out = []
        for i, (sentence, span) in enumerate(zip(sentences, spans, strict=True)):
            try:
                start, end = span
                out.append(mention_features(sentence, start, end, window=self.window,
                                            cues=self.cues_))  # fmt: skip
            except (InputError, TypeError, ValueError) as err:
                raise InputError(f"mention {i}: {err}") from None
        return out

    def _matrix(self, features: list[MentionFeatures], *, fit: bool) -> sparse.csr_matrix:
        texts = {
            "word": [f.masked for f in features],
            "char": [f.masked for f in features],
            "window": [f.window for f in features],
        }
        dense = dense_matrix(features)
        if fit:
            blocks = [v.fit_transform(texts[name]) for name, v in self.vectorizers_.items()]
            dense = self.scaler_.fit_transform(dense)
        else:
            blocks = [
                char_wb_transform(v, texts[name]) if name == "char" else v.transform(texts[name])
                for name, v in self.vectorizers_.items()
            ]
            dense = self.scaler_.transform(dense)
        blocks.append(sparse.csr_matrix(dense * self.dense_weight))
        return sparse.hstack(blocks, format="csr")

    # -- prediction --------------------------------------------------------------------------

    def _check_fitted(self) -> None:
        if not hasattr(self, "models_"):
            raise NotFittedError("this StanceModel is not fitted yet; call fit first")

    def predict_proba(
        self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        """Class probabilities, columns in the order of :data:`CLASSES`."""
        self._check_fitted()
        if len(sentences) == 0:
            return np.zeros((0, len(CLASSES)))
        X = self._matrix(self._features(sentences, spans), fit=False)
        probs = []
        for model in self.models_:
            order = [list(model.classes_).index(c) for c in CLASSES]
            probs.append(model.predict_proba(X)[:, order])
        return np.mean(probs, axis=0)

    def predict(self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """The most probable polarity of each mention, as an array of str."""
        proba = self.predict_proba(sentences, spans)
        return (
            np.array(CLASSES, dtype=object)[proba.argmax(axis=1)]
            if len(proba)
            else (np.array([], dtype=object))
        )

    def decision_scores(
        self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        """``P(positive) - P(negative)`` for each mention, in [-1, 1]."""
        proba = self.predict_proba(sentences, spans)
        return proba[:, 2] - proba[:, 0]

    def score(self, sentences, spans, labels) -> float:  # noqa: D401 - sklearn signature
        """Macro-F1 over the three classes."""
        from sklearn.metrics import f1_score

        return float(f1_score(labels, self.predict(sentences, spans), average="macro"))
