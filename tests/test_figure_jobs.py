"""Figure jobs: one job draws a group of figures, each with its own arguments."""

import inspect
import subprocess
import sys

import pytest

from framelab.figures.manifest import caption_path
from framelab.stages import RUNNERS
from framelab.stages.figures import FIGURES, split_arguments

from .conftest import ROOT


def test_arguments_are_split_per_figure_in_order():
    arguments = {
        "stance__stance": "s.csv",
        "stance__png": "stance.png",
        "headline__kwic": "kwic.csv",
        "headline__examples_out": "k.md",
        "stance__csv": "stance.csv",
    }
    split = split_arguments(arguments)
    assert list(split) == ["stance", "headline"]
    assert split["stance"] == {"stance": "s.csv", "png": "stance.png", "csv": "stance.csv"}
    assert split["headline"] == {"kwic": "kwic.csv", "examples_out": "k.md"}


@pytest.mark.parametrize(
    ("key", "message"),
    [("stance", "not named <figure>__<argument>"), ("stance__", "not named"),
     ("nosuch__png", "no figure 'nosuch'")],
)  # fmt: skip
def test_badly_named_arguments_are_refused_by_name(key, message):
    with pytest.raises(KeyError, match=message) as err:
        split_arguments({key: "x"})
    assert repr(key) in str(err.value)


def test_every_figure_has_a_drawing_function_and_a_caption():
    for figure, draw in FIGURES.items():
        parameters = inspect.signature(draw).parameters
        assert list(parameters)[0] == "config", figure
        assert not {"vector", "png", "csv"} & set(parameters), figure  # run_figures writes them
        assert caption_path(figure).is_file(), figure
    groups = [rule for rule, target in RUNNERS.items() if target == "figures:run_figures"]
    assert groups == ["figures_terms", "figures_topics", "figures_framing", "figures_stance"]


@pytest.mark.parametrize(
    "module",
    ["ingest", "clean", "segment", "terms", "topics", "framing", "stance", "report", "figures"],
)
def test_stages_that_draw_nothing_do_not_import_matplotlib(module):
    """Each job imports only its stage's module; a per-shard job that loaded matplotlib would
    pay about half a second more per shard."""
    script = (
        f"import sys, framelab.stages.{module}\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_the_context_and_mentions_jobs_load_neither_scipy_stats_nor_sklearn():
    """Collocates are scored without NLTK's association module, NLTK (for the word tokenizer)
    loads without scikit-learn and SciPy's statistics, and the terms package loads only the
    modules a job calls: about 2 s of every context and mentions job."""
    script = (
        "import sys\n"
        "from framelab import terms\n"
        "from framelab.config import load_config\n"
        "from framelab.stages.terms import analyzer_from_config\n"
        "config = load_config('config.yaml')\n"
        "analyzer_from_config(config)('Russia offered the S-400.')\n"
        "terms.kwic, terms.target_collocates, terms.find_mentions, terms.kwic_markdown\n"
        "terms.load_targets(config['targets']['lexicon'], config['targets']['use'])\n"
        "assert 'nltk' in sys.modules\n"
        "assert 'scipy.stats' not in sys.modules and 'sklearn' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
