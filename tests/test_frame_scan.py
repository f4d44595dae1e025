"""FrameScanner counts exactly what each frame's own pattern counts (Frame.hits)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framelab.framing.frame_lexicon import load_frames
from framelab.framing.frame_scan import FrameScanner

from .conftest import ROOT

# Overlaps within and across frames, prefixes of prefixes, phrases, inner punctuation, digits.
TRICKY = """
frames:
  alpha:
    definition: A.
    provenance: Test.
    terms: [war, war of words, words, wars, warp*, al-Qaeda, U.N., S-400, arm*, armed forces]
  beta:
    definition: B.
    provenance: Test.
    terms: [war*, words, of words, "don't", qaeda, n., s, armed, force*, state, kelvin, istanbul]
"""
# Terms that are not ASCII: every text is scanned case-insensitively.
FOLDED = """
frames:
  gamma:
    definition: C.
    provenance: Test.
    terms: [straße, İstanbul, ſtate, Kelvin, "x"]
"""
WORDS = [
    "war", "War", "WARS", "warp", "warping", "warfare", "of", "words", "Words", "al-Qaeda",
    "al", "Qaeda", "U.N.", "u.n", "N.", "S-400", "s", "S", "400", "arm", "armed", "ARMED",
    "forces", "force", "don't", "don’t", "straße", "STRASSE", "İstanbul", "istanbul",
    "ıstanbul", "ſtate", "state", "STATE", "\u212aelvin", "kelvin", "x", "X", "_war", "war_",
    "war2", "ħ", "Σ", "ΣΑΣ", "café",
]  # fmt: skip
SEPARATORS = [" ", "  ", "\n", "-", ".", ", ", "'", "’", "“", "—", "", "\t", "\u00a0", "/"]


@pytest.fixture(scope="module", params=["ascii", "folded"])
def tricky(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("lexicon") / "frames.yaml"
    extra = FOLDED.split("frames:", 1)[1] if request.param == "folded" else ""
    path.write_text(TRICKY + extra, encoding="utf-8")
    return load_frames(path)


def expected(frames, text):
    return [frame.hits(text) for frame in frames.values()]


_texts = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=3, max_size=40
).map(lambda pairs: "".join(word + sep for word, sep in pairs))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts)
def test_same_counts_as_each_frames_pattern(tricky, text):
    assert FrameScanner(tricky).counts(text) == expected(tricky, text)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("war of words", [1, 2]),  # alpha: the phrase first; beta: war*, then "of words"
        ("Words of words words", [3, 3]),  # beta: "words", "of words", "words"
        ("warping WARS warfare", [2, 3]),  # prefix keys of prefix keys
        ("al-Qaeda and qaeda", [1, 2]),  # "qaeda" inside al-Qaeda is a word of its own
        ("the U.N. and S-400 systems", [2, 2]),  # inner dots and hyphens; beta: n., s
        ("armed forces, ARMED force", [2, 4]),  # longer terms first, per frame
        ("ſtate \u212aelvin İstanbul istanbul ıstanbul", [0, 5]),  # folds beyond ASCII
        ("ſtate state STATE", [0, 3]),
        ("straße STRASSE x_war war_ war2 _war", [0, 2]),  # _ and digits are word characters
    ],
)
def test_counts_on_crafted_texts(tricky, text, counts):
    assert expected(tricky, text)[:2] == counts  # what each frame's own pattern finds
    assert FrameScanner(tricky).counts(text) == expected(tricky, text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_same_counts_on_arbitrary_unicode(tricky, text):
    assert FrameScanner(tricky).counts(text) == expected(tricky, text)


def test_same_counts_with_the_shipped_lexicon_on_the_seeds():
    frames = load_frames(ROOT / "data/lexicons/frames.yaml")
    scanner = FrameScanner(frames)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/raw").rglob("*"))]
    assert texts, "the seed corpus ships with the project"
    total = 0
    for text in texts:
        counts = scanner.counts(text)
        assert counts == expected(frames, text)
        total += sum(counts)
    assert total > 50  # the seeds carry frames: the comparison is not between zeros


def test_overlaps_are_per_frame():
    """A span counted for one frame still counts for another frame that matches it too."""
    frames = {
        name: frame
        for name, frame in load_frames(ROOT / "data/lexicons/frames.yaml").items()
        if name in ("conflict", "security_threat")
    }
    text = "The war on terror and the war of words."
    assert FrameScanner(frames).counts(text) == expected(frames, text)
