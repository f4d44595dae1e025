"""The ``stance`` stage: the polarity of a sentence toward one target mention in it, and its
comparison across outlets. Two scores per mention: a linear model (:class:`StanceModel`)
trained on the NewsMTSC split in ``data/stance/``, and a transparent lexicon score
(:func:`lexicon_stance`, VADER plus the study's cue words); with ``stance.engine:
transformer`` the model score comes from a fine-tuned encoder instead
(:class:`TransformerStanceModel`, the optional ``transformer`` extra). :func:`outlet_stance`
aggregates them per outlet, each document weighted equally, with document-bootstrap
intervals. Mentions in caption, credit or byline sentences are kept but not scored
(:func:`mark_unscored`). A study's coded mentions (:func:`read_coded_mentions`) can be added
to the model's training data, and :func:`cross_validated_agreement` measures its agreement
with the coder.
"""

from framelab import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "cli": ["main"],
        "coded": ["CodedMentions", "coded_mentions", "read_coded_mentions"],
        "crossval": ["cross_validated_agreement", "document_folds", "engine_fitter"],
        "cues": ["CueLexicon", "load_cues"],
        "lexicon": ["lexicon_stance"],
        "model": ["CLASSES", "StanceModel"],
        "outlets": ["document_stance", "outlet_stance", "stance_permutation_tests"],
        "sampling": ["agreement", "read_coded", "stance_sample"],
        "paths": ["DEFAULT_CUES_PATH", "DEFAULT_TRAIN_PATH"],
        "score": ["score_mentions"],
        "skip": ["SKIP_REASONS", "CreditDetector", "mark_unscored"],
        "training": [
            "DEFAULT_CODED_WEIGHT",
            "cached_default_model",
            "load_model",
            "read_labelled",
            "save_model",
            "train_default_model",
            "training_set",
        ],
        "transformer": [
            "TransformerStanceModel",
            "cached_transformer_model",
            "fit_transformer",
            "load_transformer",
            "save_transformer",
            "train_transformer",
        ],
        "vader": ["ensure_vader_lexicon"],
    },
)
