"""``transform`` of a fitted ``char_wb`` TF-IDF vectorizer, computed once per distinct word.

scikit-learn's ``char_wb`` analyzer pads every whitespace-separated word with a space and takes
its character n-grams; a text's n-grams are those of its words, one after another. A word's
vocabulary columns are therefore found once, and a text's counts are the columns of its words.
In a corpus the same words recur in sentence after sentence, so this does a fraction of the
work of ``TfidfVectorizer.transform``, which builds and looks up every n-gram of every text.
The matrix is the same, entry for entry (tested against scikit-learn).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

__all__ = ["char_wb_transform", "word_ngrams"]

_CHUNK = 4096  # texts counted at a time: every n-gram of a chunk is held as an int32


def word_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """The ``char_wb`` n-grams of one word, in scikit-learn's order (``_char_wb_ngrams``)."""
    padded = f" {word} "
    size = len(padded)
    grams = []
    for n in range(min_n, max_n + 1):
        grams += [padded[i : i + n] for i in range(max(1, size - n + 1))]
        if size <= n:  # a short word counts once, at its full padded length
            break
    return grams


def _decomposes(vectorizer: TfidfVectorizer) -> bool:
    """Whether the vectorizer's analyzer is ``char_wb`` on the text exactly as given."""
    return (
        vectorizer.analyzer == "char_wb"
        and vectorizer.input == "content"
        and vectorizer.preprocessor is None
        and not vectorizer.lowercase
        and vectorizer.strip_accents is None
        and not vectorizer.binary
        and np.issubdtype(vectorizer.dtype, np.floating)
    )


def _counts(
    texts: Sequence[str], vectorizer: TfidfVectorizer, known: dict[str, np.ndarray]
) -> sparse.csr_matrix:
    """N-gram counts of ``texts`` over the vocabulary; ``known`` maps a word to its columns."""
    vocabulary = vectorizer.vocabulary_
    min_n, max_n = vectorizer.ngram_range
    parts: list[np.ndarray] = []
    per_text = np.zeros(len(texts), dtype=np.int64)
    for row, text in enumerate(texts):
        found = 0
        for word in text.split():
            columns = known.get(word)
            if columns is None:
                grams = word_ngrams(word, min_n, max_n)
                columns = known[word] = np.array(
                    [vocabulary[g] for g in grams if g in vocabulary], dtype=np.int32
                )
            parts.append(columns)
            found += len(columns)
        per_text[row] = found
    columns = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    rows = np.repeat(np.arange(len(texts), dtype=np.int32), per_text)
    counts = sparse.csr_matrix(
        (np.ones(len(columns), dtype=vectorizer.dtype), (rows, columns)),
        shape=(len(texts), len(vocabulary)),
    )
    counts.sum_duplicates()  # sorted column indices, as CountVectorizer leaves them
    return counts


def char_wb_transform(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> sparse.csr_matrix:
    """``vectorizer.transform(texts)`` for a fitted ``char_wb`` vectorizer, word by word.

    Vectorizers that lowercase, strip accents, preprocess, read files, count binary or have
    an integer ``dtype``, and inputs that are empty, a single string or hold a non-string, go
    through ``vectorizer.transform``. The TF-IDF options are read from the vectorizer, as they
    were when it was fitted.
    """
    if (
        isinstance(texts, str)
        or len(texts) == 0
        or not _decomposes(vectorizer)
        or any(not isinstance(t, str) for t in texts)
    ):
        return vectorizer.transform(texts)
    texts = list(texts)
    known: dict[str, np.ndarray] = {}
    counts = sparse.vstack(
        [
            _counts(texts[at : at + _CHUNK], vectorizer, known)
            for at in range(0, len(texts), _CHUNK)
        ],
        format="csr",
    )
    # TfidfTransformer.transform: sublinear tf, idf weights, row norm
    if vectorizer.sublinear_tf:
        np.log(counts.data, counts.data)
        counts.data += 1.0
    if vectorizer.use_idf:
        counts.data *= vectorizer.idf_[counts.indices]
    if vectorizer.norm is not None:
        counts = normalize(counts, norm=vectorizer.norm, copy=False)
    return counts
