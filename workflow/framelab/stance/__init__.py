"""Target-dependent stance: the polarity of a sentence toward one mention in it.

Two scores per mention:

* a model (:class:`StanceModel`, linear models on masked-sentence n-grams, window tokens and
  lexicon scores) trained on the NewsMTSC training split shipped in ``data/stance/``, giving
  ``negative | neutral | positive`` and ``P(positive) - P(negative)`` in [-1, 1];
* a transparent lexicon score (:func:`lexicon_stance`): VADER through NLTK on the words around
  the mention, plus the domain cues of ``data/lexicons/stance-cues.yaml``.
"""

from framelab.stance.cli import main
from framelab.stance.cues import CueLexicon, load_cues
from framelab.stance.lexicon import lexicon_stance
from framelab.stance.model import CLASSES, StanceModel
from framelab.stance.paths import DEFAULT_CUES_PATH, DEFAULT_TRAIN_PATH
from framelab.stance.score import score_mentions
from framelab.stance.training import (
    cached_default_model,
    load_model,
    read_labelled,
    save_model,
    train_default_model,
)
from framelab.stance.vader import ensure_vader_lexicon

__all__ = [
    "CLASSES",
    "DEFAULT_CUES_PATH",
    "DEFAULT_TRAIN_PATH",
    "CueLexicon",
    "StanceModel",
    "cached_default_model",
    "ensure_vader_lexicon",
    "lexicon_stance",
    "load_cues",
    "load_model",
    "main",
    "read_labelled",
    "save_model",
    "score_mentions",
    "train_default_model",
]
