"""NLTK loads without scikit-learn and SciPy's statistics, which stay importable."""

import subprocess
import sys

SCRIPT = """
import sys
from framelab.segment.nltk_import import import_nltk
from framelab.segment.units import SentenceSplitter
from framelab.segment.tokens import Analyzer

spans = SentenceSplitter(["u.s"]).spans("The U.S. said so. Iraq agreed.")
terms = Analyzer(["from"], stem=True)("Troops withdrew from bases")
assert spans == [(0, 17), (18, 30)], spans
assert terms == ["troop", "withdrew", "base"], terms
assert "nltk" in sys.modules
assert "sklearn" not in sys.modules, "scikit-learn was loaded"
assert "scipy.stats" not in sys.modules, "scipy.stats was loaded"
import_nltk("nltk.sentiment.vader")  # NLTK is loaded: a plain import

import scipy.stats, sklearn.svm  # still importable afterwards
assert scipy.stats.chi2.sf(3.841458820694124, 1) > 0.049
sklearn.svm.LinearSVC()
"""


def test_nltk_loads_without_sklearn_and_scipy_stats():
    subprocess.run([sys.executable, "-c", SCRIPT], check=True)


def test_with_sklearn_already_loaded_nltk_keeps_its_sklearn_wrapper():
    script = (
        "import sklearn.feature_extraction\n"
        "from framelab.segment.nltk_import import import_nltk\n"
        "import_nltk('nltk.tokenize')\n"
        "from nltk.classify.scikitlearn import SklearnClassifier\n"
        "SklearnClassifier(None)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
