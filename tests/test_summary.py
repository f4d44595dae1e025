import numpy as np
import pandas as pd

from framelab.config import validate_config
from framelab.report.summary import NO_TARGETS, render_summary
from framelab.tables import markdown_table

from .conftest import OUTLETS


def test_markdown_table_escapes_pipes():
    table = pd.DataFrame({"a": ["x|y"], "b": [1]})
    assert markdown_table(table) == "| a | b |\n|---|---|\n| x\\|y | 1 |"


def render(
    n_docs_beta: int,
    targets: tuple[str, ...] = ("isis_threat",),
    stance_tests: pd.DataFrame | None = None,
) -> str:
    config = validate_config(
        {
            "outlets": OUTLETS,
            "study": "test",
            "targets": {"lexicon": "targets.yaml", "use": list(targets)},
        }
    )
    docs = pd.DataFrame({"doc_id": ["a1", "b1"], "outlet": ["alpha", "beta"]})
    return render_summary(
        config,
        ledger=pd.DataFrame({"status": ["ingested", "ingested", "unlisted"]}),
        docs=docs,
        removed=pd.DataFrame(
            {"doc_id": ["a1", "a1", "b1"], "reason": ["site_chrome"] * 2 + ["blank"]}
        ),
        sizes=pd.DataFrame(
            {
                "outlet": ["alpha", "beta"],
                "n_docs": [5, n_docs_beta],
                "n_tokens": [50, 60],
                "n_words": [100, 120],
            }
        ),  # fmt: skip
        fightin=pd.DataFrame(
            {
                "outlet": ["alpha", "beta"],
                "term": ["war", "peace"],
                "z": [2.5, 3.0],
                "doc_freq": [3, 1],
            }
        ),  # fmt: skip
        mentions=pd.DataFrame(
            {"target": ["isis_threat"] * 3, "outlet": ["alpha"] * 3, "doc_id": ["a1", "a1", "a2"]}
        ),  # fmt: skip
        similarity=pd.DataFrame(
            {
                "outlet_a": ["alpha"],
                "outlet_b": ["beta"],
                "jsd": [0.25],
                "low": [0.2],
                "high": [0.3],
                "jsd_plugin": [0.31],
                "null_mean": [0.1],
                "null_high": [0.12],
                "excess": [0.21],
                "p": [0.0005],
                "p_adjusted": [0.0005],
                "n_docs_a": [5],
                "n_docs_b": [n_docs_beta],
            }
        ),  # fmt: skip
        topic_words=pd.DataFrame({"topic": [0, 0], "term": ["war", "troops"]}),
        stance=pd.DataFrame(
            {
                "outlet": ["alpha"],
                "target": ["isis_threat"],
                "n_docs": [2],
                "mean": [-0.4],
                "low": [-0.5],
                "high": [-0.3],
            }
        ),  # fmt: skip
        stance_tests=stance_tests,
        prevalence=pd.DataFrame(
            {
                "outlet": ["alpha", "beta"],
                "topic": [0, 0],
                "mean": [1.0, 1.0],
                "low": [0.9, np.nan],
                "high": [1.0, np.nan],
                "n_docs": [5, n_docs_beta],
            }
        ),  # fmt: skip
    )


def test_summary_reports_numbers_from_the_tables():
    text = render(n_docs_beta=1)
    assert "| Alpha | 5 | 100 | 50 | 2 |" in text
    assert "| Beta | 1 | 120 | 60 | 1 |" in text
    assert "2 documents ingested; 1 files skipped" in text
    assert "| site_chrome | 2 |" in text
    assert "war (2.5)" in text and "peace† (3.0)" in text
    assert "| Beta | 1 | 1.00 (n = 1, no CI) |" in text
    assert "| Alpha | 5 | 1.00 [0.90, 1.00] |" in text
    assert "| isis_threat | 3 in 2 of 5 docs | 0 in 0 of 1 docs |" in text
    assert (
        "- **Isis threat**: mentioned in 2 of 6 documents. Too few documents per outlet "
        "(fewer than 3) to rank outlets."
    ) in text
    assert "| Alpha | -0.40 [-0.50, -0.30] (n = 2)† |" in text
    assert "| Beta | no mentions |" in text
    assert "| Alpha – Beta | 0.250 [0.200, 0.300] | +0.210 | < 0.001 | 5 / 1 |" in text
    assert (
        "1 of 1 pairs of outlets write more differently than shuffled articles would "
        "(p < 0.05, holm-adjusted over all pairs)"
    ) in text


def test_summary_warns_loudly_only_when_n_is_small():
    assert "Warning: too few documents" in render(n_docs_beta=1)
    assert "Beta (n = 1)" in render(n_docs_beta=1)
    assert "Warning" not in render(n_docs_beta=4)


def test_a_study_without_targets_is_told_how_to_add_them():
    text = render(5, targets=())
    assert text.count(NO_TARGETS) == 2  # in the findings and in the mentions section
    assert "isis_threat" not in text and "mean stance" not in text


def pair_tests(p: float, p_adjusted: float) -> pd.DataFrame:
    return pd.DataFrame(
        {"target": ["isis_threat"], "outlet_a": ["alpha"], "outlet_b": ["beta"], "diff": [-0.3],
         "p": [p], "p_adjusted": [p_adjusted]}
    )  # fmt: skip


def test_summary_judges_outlet_pairs_by_the_adjusted_p():
    # raw p below 0.05 but adjusted above: no difference is claimed
    text = render(5, stance_tests=pair_tests(0.01, 0.2))
    assert "No pair of outlets differs at adjusted p < 0.05 (holm, 1 pair)" in text
    assert "smallest adjusted p is 0.2 (Alpha − Beta)" in text
    text = render(5, stance_tests=pair_tests(0.001, 0.004))
    assert "1 of 1 outlet pair differs at adjusted p < 0.05 (holm): Alpha − Beta -0.30" in text
    assert "(adjusted p 0.004)" in text
    assert "adjusted (holm) within each target's outlet pairs" in text


def test_main_findings_name_the_most_and_least_alike_vocabularies():
    from framelab.report.summary import _similarity_findings

    config = validate_config({"outlets": OUTLETS, "study": "test"})
    outlets = {key: type("O", (), {"name": key.title()}) for key in ("a", "b", "c")}
    similarity = pd.DataFrame(
        {
            "outlet_a": ["a", "a", "b"],
            "outlet_b": ["b", "c", "c"],
            "jsd": [0.2, 0.1, 0.3],
            "low": [0.18, 0.08, 0.27],
            "high": [0.22, 0.12, 0.33],
            "excess": [0.05, 0.01, 0.09],
            "p_adjusted": [0.003, 0.2, 0.003],
        }
    )
    (line, _) = _similarity_findings(similarity, outlets, config)
    assert line.startswith("- **Vocabulary**: 2 of 3 pairs of outlets use words more differently")
    assert "Most different: B and C (+0.090 bits above chance; JSD 0.300, 95% CI [0.270, " in line
    assert "most alike: A and C (+0.010 bits above chance" in line


def test_stance_findings_name_the_outlets_at_either_end():
    from framelab.report.summary import _findings

    config = validate_config(
        {"outlets": OUTLETS, "study": "test", "targets": {"lexicon": "t.yaml", "use": ["iran"]}}
    )
    outlets = {key: type("O", (), {"name": key.title()}) for key in ("a", "b", "c", "d")}
    stance = pd.DataFrame(
        {
            "outlet": ["a", "b", "c", "d"],
            "target": ["iran"] * 4,
            "n_docs": [10, 12, 8, 1],
            "mean": [-0.4, -0.1, -0.25, -0.9],
            "low": [-0.5, -0.2, -0.3, np.nan],
            "high": [-0.3, 0.0, -0.2, np.nan],
        }
    )
    mentions = pd.DataFrame({"target": ["iran"] * 3, "doc_id": ["x", "y", "x"]})
    sizes = pd.DataFrame({"outlet": list("abcd"), "n_docs": [20, 20, 20, 2]})
    lines = _findings(mentions, stance, sizes, outlets, config)
    named = _findings(mentions, stance, sizes, outlets, config, labels={"iran": "Iran (state)"})
    assert named[0].startswith("- **Iran (state)**: mentioned in 2 of 62 documents.")
    assert "| outlet | Iran (state) |" in named[-1]
    # the one-document outlet (d) is too thin to be called the most negative
    assert lines[0] == (
        "- **Iran**: mentioned in 2 of 62 documents. Most negative: A -0.40 [-0.50, -0.30] "
        "(n = 10); least negative: B -0.10 [-0.20, +0.00] (n = 12)."
    )
    assert "| D | -0.90 (no CI) (n = 1)† |" in lines[-1]


def test_topics_state_the_units_modelled_and_those_left_out():
    from framelab.report.summary import _modelled_units

    units = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b", "c"],
            "topic_unit": [True, False, True, False, False],
            "excluded_reason": ["", "short", "", "label", "short"],
        }
    )
    assert _modelled_units(units, 2, "paragraph") == (
        "**The topics rest on 2 paragraphs from 2 documents.** 3 of 5 paragraphs were not "
        "modelled (1 label, 2 short; `topics/topic_units.parquet`)."
    )
    assert "K was chosen on a seeded sample of 1 of them." in _modelled_units(units, 1, "unit")
