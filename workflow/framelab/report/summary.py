"""``summary.md``: the run's main results in sentences and tables, generated from the tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from framelab import __version__
from framelab.config import outlets as config_outlets
from framelab.display import display_name
from framelab.tables import markdown_table

__all__ = ["NO_AGREEMENT", "NO_MENTIONS", "NO_TARGETS", "render_summary", "stance_model_sentence"]

NO_TARGETS = (
    "This study defines no targets (config `targets.use` is empty), so there are no target "
    "mentions, stance, collocates or headline figure. To add targets, define them in the "
    "study's targets lexicon (config `targets.lexicon`; `framelab init` writes one that lists "
    "the corpus's most frequent names as candidates) and name them in `targets.use`."
)

NO_MENTIONS = (
    "No analysed document mentions any of the study's targets ({targets}): there is no "
    "stance, collocate or headline finding to report, and the stance table is empty. Check "
    "the targets' patterns in `{lexicon}` against `features/terms/kwic.md` and the texts."
)
NO_AGREEMENT = (
    "No agreement with a coder was measured for this study: code a sample with "
    "`framelab stance-sample` and give it as config `stance.coded`."
)
#: how the ledger says why a document was excluded: its reason's start -> what the summary says
_EXCLUDED = {  # a ledger reason's start -> what the summary says of one and of several
    "detected language": ("in another language", "in another language"),
    "same bytes": ("duplicate of an earlier document", "duplicates of earlier documents"),
    "no text left after cleaning": ("emptied by cleaning", "emptied by cleaning"),
}


def render_summary(
    config: dict[str, Any],
    *,
    ledger: pd.DataFrame,
    docs: pd.DataFrame,
    removed: pd.DataFrame,
    sizes: pd.DataFrame,
    fightin: pd.DataFrame,
    mentions: pd.DataFrame,
    similarity: pd.DataFrame,
    topic_words: pd.DataFrame,
    prevalence: pd.DataFrame,
    topic_tables: dict[str, pd.DataFrame] | None = None,
    stance: pd.DataFrame | None = None,
    stance_tests: pd.DataFrame | None = None,
    target_labels: Mapping[str, str] | None = None,
    stance_agreement: pd.DataFrame | None = None,
) -> str:
    """Render the summary from the result tables; every number comes from a table."""
    outlets = config_outlets(config)
    min_docs = config["stats"]["min_docs"]
    top_n = config["terms"]["top_n"]
    parts = [
        f"# framelab summary: {config['study']}",
        "",
        f"framelab {__version__}; random_state {config['random_state']}. "
        "Generated from the tables in this folder; do not edit by hand.",
        "",
    ]
    parts += _warnings(sizes, outlets, min_docs)
    parts += _suspect_topics_warning(topic_words)
    parts += _without_text(sizes, docs, outlets)
    parts += ["## Main findings", ""]
    parts += _similarity_findings(similarity, outlets, config)
    if not config["targets"]["use"]:
        parts += [NO_TARGETS, ""]
    elif mentions.empty:
        parts += [_no_mentions(config), ""]
    elif stance is not None:
        parts += _findings(
            mentions, stance, sizes, outlets, config, stance_tests, labels=target_labels,
            agreement=stance_agreement,
        )  # fmt: skip
        parts.append("")
    parts += ["## Corpus", "", markdown_table(_corpus_table(docs, sizes, removed, outlets)), ""]
    parts.append(_ledger_sentence(ledger))
    parts += ["", "## Lines removed by cleaning", ""]
    if removed.empty:
        parts.append("No lines were removed.")
    else:
        by_reason = removed.groupby("reason").size().rename("lines").reset_index()
        by_reason = by_reason.sort_values(["lines", "reason"], ascending=[False, True])
        parts.append(markdown_table(by_reason))
        parts.append("")
        parts.append("Every removed line, with its rule, is in `clean/removed_lines.csv`.")
    parts += ["", "## Distinctive terms per outlet", ""]
    parts.append(
        f"Fightin' Words log-odds with an informative Dirichlet prior "
        f"(prior_scale {config['terms']['prior_scale']}), each outlet against all others; "
        f"top {top_n} by z. Terms marked † occur in only one of the outlet's documents."
    )
    parts.append("")
    parts.append(markdown_table(_top_terms_table(fightin, outlets, top_n)))
    parts += ["", "## Target mentions", ""]
    if not config["targets"]["use"]:
        parts.append(NO_TARGETS)
    elif mentions.empty:
        parts.append(_no_mentions(config))
    else:
        parts += _mentions_section(mentions, sizes, outlets, config)
    parts += ["", "## Outlet similarity", ""]
    parts += _similarity_section(similarity, outlets, config)
    parts += ["", "## Topics", ""]
    parts += _topics_section(topic_words, prevalence, outlets, config, topic_tables or {})
    return "\n".join(parts).rstrip() + "\n"


def _suspect_topics_warning(topic_words: pd.DataFrame) -> list[str]:
    """A warning listing the topics marked suspect (page furniture, one document or outlet)."""
    if "suspect" not in topic_words:
        return []
    flagged = topic_words[topic_words["suspect"].astype(bool)].drop_duplicates("topic")
    if flagged.empty:
        return []
    listed = "; ".join(
        f"T{int(r.topic) + 1} ({r.suspect_reason})" for r in flagged.itertuples(index=False)
    )
    return [
        f"> **Warning: {len(flagged)} topic{'s' if len(flagged) > 1 else ''} of the chosen "
        "model may be artefacts (page furniture, or one document's or one outlet's words) "
        f"rather than subjects:** {listed}. They are marked suspect in "
        "`topics/topic_words.csv` and drawn faded; do not read them as findings.",
        "",
    ]


def _warnings(sizes: pd.DataFrame, outlets: dict, min_docs: int) -> list[str]:
    small = sizes[sizes["n_docs"] < min_docs]
    if small.empty:
        return []
    listed = ", ".join(
        f"{outlets[r.outlet].name} (n = {r.n_docs})" for r in small.itertuples(index=False)
    )
    return [
        f"> **Warning: too few documents for outlet-level claims.** {listed} "
        f"{'has' if len(small) == 1 else 'have'} fewer than {min_docs} documents "
        "(config stats.min_docs). Differences below describe these articles, not the outlets; "
        "intervals are missing where n = 1.",
        "",
    ]


def _without_text(sizes: pd.DataFrame, docs: pd.DataFrame, outlets: dict) -> list[str]:
    """A warning naming the declared outlets that have no analysed document, and why."""
    missing = [o for o in outlets if o not in set(sizes["outlet"])]
    if not missing:
        return []
    cleaned = set(docs["outlet"])
    listed = "; ".join(
        f"{outlets[o].name}: "
        + (
            "cleaning removed every line of its documents"
            if o in cleaned
            else "no documents, or every one excluded (language, duplicate)"
        )
        for o in missing
    )
    return [
        f"> **Warning: {len(missing)} declared outlet{'s' if len(missing) > 1 else ''} without "
        f"analysable text, left out of every comparison.** {listed}. See `corpus/ledger.csv`.",
        "",
    ]


def _no_mentions(config: dict) -> str:
    targets = ", ".join(config["targets"]["use"])
    return NO_MENTIONS.format(targets=targets, lexicon=config["targets"]["lexicon"])


def _ledger_sentence(ledger: pd.DataFrame) -> str:
    """How many documents were analysed, and how many the ledger excludes, by cause."""
    status = ledger["status"]
    reasons = ledger["reason"] if "reason" in ledger.columns else pd.Series("", index=ledger.index)
    n_analysed = int(status.eq("ingested").sum())
    excluded = reasons[status.eq("excluded")]
    n_unlisted = int(status.eq("unlisted").sum())
    kept = int((status.eq("ingested") & reasons.str.startswith("same bytes")).sum())
    if excluded.empty and not kept:
        skipped = ledger[status != "ingested"]
        return f"{n_analysed} documents ingested" + (
            f"; {len(skipped)} files skipped (see corpus/ledger.csv)." if len(skipped) else "."
        )
    counts = {start: int(excluded.str.startswith(start).sum()) for start in _EXCLUDED}
    causes = [f"{n} {_EXCLUDED[start][n > 1]}" for start, n in counts.items() if n]
    return (
        f"{n_analysed} documents analysed of {n_analysed + len(excluded)} read; "
        f"{len(excluded)} excluded"
        + (f" ({', '.join(causes)})" if causes else "")
        + (f"; {kept} duplicates kept (corpus.duplicates: keep)" if kept else "")
        + (f"; {n_unlisted} unlisted files skipped" if n_unlisted else "")
        + ". Every document and why it was excluded: `corpus/ledger.csv`."
    )


def _corpus_table(
    docs: pd.DataFrame, sizes: pd.DataFrame, removed: pd.DataFrame, outlets: dict
) -> pd.DataFrame:
    removed_by_outlet = (
        removed.merge(docs[["doc_id", "outlet"]], on="doc_id").groupby("outlet").size()
        if not removed.empty
        else pd.Series(dtype=int)
    )
    rows = []
    for outlet_id, outlet in outlets.items():
        size = sizes[sizes["outlet"] == outlet_id]
        if size.empty:
            continue
        rows.append(
            {
                "outlet": outlet.name,
                "documents": int(size["n_docs"].iloc[0]),
                "words": int(size["n_words"].iloc[0]),
                "tokens analysed": int(size["n_tokens"].iloc[0]),
                "lines removed": int(removed_by_outlet.get(outlet_id, 0)),
            }
        )
    return pd.DataFrame(rows)


def _top_terms_table(fightin: pd.DataFrame, outlets: dict, top_n: int) -> pd.DataFrame:
    rows = []
    for outlet_id, outlet in outlets.items():
        top = fightin[(fightin["outlet"] == outlet_id) & (fightin["z"] > 0)].head(top_n)
        terms = ", ".join(
            f"{r.term}{'†' if r.doc_freq <= 1 else ''} ({r.z:.1f})"
            for r in top.itertuples(index=False)
        )
        if terms:
            rows.append({"outlet": outlet.name, "terms (z)": terms})
    return pd.DataFrame(rows)


def _findings(
    mentions: pd.DataFrame,
    stance: pd.DataFrame,
    sizes: pd.DataFrame,
    outlets: dict,
    config: dict,
    tests: pd.DataFrame | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    agreement: pd.DataFrame | None = None,
) -> list[str]:
    """Per target (named by its lexicon ``labels``): how widely it is mentioned, the outlets
    with the most negative and most positive stance, and the outlet pairs that differ after
    adjusting for multiplicity; then which model scored the mentions, how well it agrees with
    the study's coder (:func:`stance_model_sentence`), and a table of every outlet's stance
    toward every target."""
    ci = config["stats"]["ci"]
    min_docs = config["stats"]["min_docs"]
    method = config["stats"].get("p_adjust", "holm")
    n_corpus = int(sizes["n_docs"].sum())
    lines = []
    for target in config["targets"]["use"]:
        name = display_name(target, labels)
        n_with = mentions.loc[mentions["target"] == target, "doc_id"].nunique()
        rows = stance[(stance["target"] == target) & stance["outlet"].isin(list(outlets))]
        sentence = f"- **{name}**: mentioned in {n_with} of {n_corpus} documents."
        solid = rows[rows["n_docs"] >= min_docs].sort_values(["mean", "outlet"])
        if len(solid) >= 2:
            low, high = solid.iloc[0], solid.iloc[-1]
            sentence += (
                f" Most negative: {_stance_phrase(low, outlets)}; "
                f"{'least negative' if high['mean'] < 0 else 'most positive'}: "
                f"{_stance_phrase(high, outlets)}."
            )
        elif len(rows):
            sentence += f" Too few documents per outlet (fewer than {min_docs}) to rank outlets."
        lines.append(sentence)
        if tests is not None and "p_adjusted" in tests.columns:
            lines.append(
                f"  {_pair_differences(tests[tests['target'] == target], outlets, method)}"
            )
    lines += [
        "",
        "Stance is the model score P(positive) − P(negative) in [−1, 1], averaged over each "
        "document's mentions and then over documents (each document counts once); "
        f"{ci:.0%} intervals resample documents; n is the number of documents that mention "
        "the target. Mentions in caption, credit or byline sentences are not scored. Pairwise "
        "permutation tests (of documents) are in `features/stance/outlet_tests.csv`; "
        f"p-values are adjusted ({method}) within each target's outlet pairs. Estimates on "
        f"fewer than {min_docs} documents are marked †.",
        "",
        stance_model_sentence(config, agreement),
        "",
        markdown_table(_stance_table(stance, outlets, config, labels)),
    ]
    return lines


def stance_model_sentence(config: Mapping[str, Any], agreement: pd.DataFrame | None) -> str:
    """Which engine scored the mentions, what it learnt from, and its agreement with the
    study's coder (``features/stance/agreement.csv``: the ``adapted`` row, cross-validated
    by document, beside the ``base`` row) or that none was measured."""
    settings = config.get("stance", {})
    engine = settings.get("engine", "linear")
    coded = settings.get("coded")
    learnt = f"`{settings.get('training', 'data/stance/newsmtsc-train.jsonl')}`"
    if coded:
        weight = settings.get("coded_weight", 5)
        learnt += f" and the study's coded mentions (`{coded}`, each weighted {weight:g})"
    text = (
        f"The mentions were scored by the {engine} stance model (config `stance.engine`), "
        f"trained on {learnt}."
    )
    if agreement is None or agreement.empty:
        return f"{text} {NO_AGREEMENT}"
    rows = agreement.set_index("model")
    adapted = rows.loc["adapted"]
    text += (
        f" Agreement with the study's coder: macro-F1 {_agreement_cell(adapted)} over "
        f"{int(adapted['n_mentions'])} mentions in {int(adapted['n_documents'])} documents "
        f"(cross-validated by document over {int(adapted['folds'])} folds: no mention is "
        "scored by a model that learnt its document)"
    )
    if "base" in rows.index:
        text += (
            f"; without the coded mentions the model reaches {_agreement_cell(rows.loc['base'])}"
        )
    return text + ". Accuracy and Cohen's kappa are in `features/stance/agreement.csv`."


def _agreement_cell(row: pd.Series) -> str:
    """``0.62 [0.55, 0.69]``, or the value alone without an interval."""
    low, high = row["macro_f1_low"], row["macro_f1_high"]
    interval = f" [{low:.2f}, {high:.2f}]" if np.isfinite(low) and np.isfinite(high) else ""
    return f"{row['macro_f1']:.2f}{interval}"


def _stance_phrase(row: pd.Series, outlets: dict) -> str:
    """``Outlet −0.44 [−0.49, −0.39] (n = 90)``."""
    return f"{outlets[row['outlet']].name} {_stance_cell(row)}"


def _stance_cell(row: pd.Series, fragile: bool = False) -> str:
    interval = (
        f" [{row['low']:+.2f}, {row['high']:+.2f}]" if np.isfinite(row["low"]) else " (no CI)"
    )
    return f"{row['mean']:+.2f}{interval} (n = {int(row['n_docs'])}){'†' if fragile else ''}"


def _stance_table(
    stance: pd.DataFrame, outlets: dict, config: dict, labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Outlets by targets: each cell the document-weighted mean, its interval and n."""
    by_key = stance.set_index(["outlet", "target"])
    min_docs = config["stats"]["min_docs"]
    table = {"outlet": [outlet.name for outlet in outlets.values()]}
    for target in config["targets"]["use"]:
        table[display_name(target, labels)] = [
            _stance_cell(by_key.loc[(o, target)], by_key.loc[(o, target), "n_docs"] < min_docs)
            if (o, target) in by_key.index
            else "no mentions"
            for o in outlets
        ]
    return pd.DataFrame(table)


def _pair_differences(tests: pd.DataFrame, outlets: dict, method: str, alpha: float = 0.05) -> str:
    """The outlet pairs of one target whose stance differs at adjusted p < ``alpha``."""
    if tests.empty:
        return "No outlet pair to compare."
    ranked = (
        tests.assign(size=tests["diff"].abs())
        .sort_values(["p_adjusted", "size"], ascending=[True, False])
        .reset_index(drop=True)
    )
    below = ranked[ranked["p_adjusted"] < alpha]

    def pair(row: pd.Series) -> str:
        return (
            f"{outlets[row['outlet_a']].name} − {outlets[row['outlet_b']].name} "
            f"{row['diff']:+.2f} (adjusted p {row['p_adjusted']:.3g})"
        )

    if below.empty:
        best = ranked.iloc[0]
        return (
            f"No pair of outlets differs at adjusted p < {alpha} ({method}, {len(ranked)} "
            f"pair{'' if len(ranked) == 1 else 's'}); the smallest adjusted p is "
            f"{best['p_adjusted']:.3g} "
            f"({outlets[best['outlet_a']].name} − {outlets[best['outlet_b']].name})."
        )
    listed = "; ".join(pair(row) for _, row in below.head(5).iterrows())
    more = f" and {len(below) - 5} more" if len(below) > 5 else ""
    return (
        f"{len(below)} of {len(ranked)} outlet pair{'' if len(ranked) == 1 else 's'} "
        f"{'differs' if len(below) == 1 else 'differ'} at adjusted p < {alpha} "
        f"({method}): {listed}{more}."
    )


def _mentions_section(
    mentions: pd.DataFrame, sizes: pd.DataFrame, outlets: dict, config: dict
) -> list[str]:
    n_docs = sizes.set_index("outlet")["n_docs"]
    rows = []
    for target in config["targets"]["use"]:
        row = {"target": target}
        for outlet_id, outlet in outlets.items():
            if outlet_id not in n_docs:
                continue
            hits = mentions[(mentions["target"] == target) & (mentions["outlet"] == outlet_id)]
            row[outlet.name] = (
                f"{len(hits)} in {hits['doc_id'].nunique()} of {int(n_docs[outlet_id])} docs"
            )
        rows.append(row)
    return [
        "Mentions of each target (patterns in the targets lexicon), and in how many of the "
        "outlet's documents they occur. Every mention, in context, is in "
        "`features/terms/kwic.md`.",
        "",
        markdown_table(pd.DataFrame(rows)),
    ]


def _similarity_findings(similarity: pd.DataFrame, outlets: dict, config: dict) -> list[str]:
    """The most and least alike vocabularies, ranked by the divergence above chance."""
    tested = similarity.dropna(subset=["excess"])
    if len(tested) < 2:
        return []
    ranked = tested.sort_values(["excess", "outlet_a", "outlet_b"], ascending=[False, True, True])
    ci = config["stats"]["ci"]

    def pair(row: pd.Series) -> str:
        return (
            f"{outlets[row['outlet_a']].name} and {outlets[row['outlet_b']].name} "
            f"({row['excess']:+.3f} bits above chance; JSD {row['jsd']:.3f}, {ci:.0%} CI "
            f"[{row['low']:.3f}, {row['high']:.3f}])"
        )

    above, n_tested = _pairs_above_chance(similarity, ci)
    return [
        f"- **Vocabulary**: {above} of {n_tested} pairs of outlets use words more "
        f"differently than their articles shuffled between them would "
        f"(p < {1 - ci:.2g}, {_adjusted_by(config)}). Most different: "
        f"{pair(ranked.iloc[0])}; most alike: {pair(ranked.iloc[-1])}.",
        "",
    ]


def _similarity_section(similarity: pd.DataFrame, outlets: dict, config: dict) -> list[str]:
    ci = config["stats"]["ci"]
    lines = [
        "Jensen–Shannon divergence between outlets' term distributions (0 = identical), "
        f"bias-corrected, with {ci:.0%} bootstrap intervals over documents where both outlets "
        "have at least two. *Above chance* is how far the observed divergence lies above the "
        "mean divergence of the two outlets' articles shuffled between them (the permutation "
        "null); *p* is the share of shuffles at least as divergent as the outlets.",
        "",
    ]
    above, n_tested = _pairs_above_chance(similarity, ci)
    if n_tested:
        lines[-1:] = [
            f"{above} of {n_tested} pairs of outlets write more differently than shuffled "
            f"articles would (p < {1 - ci:.2g}, {_adjusted_by(config)}).",
            "",
        ]
    table = pd.DataFrame(
        {
            "outlets": [
                f"{outlets[a].name} – {outlets[b].name}"
                for a, b in zip(similarity["outlet_a"], similarity["outlet_b"], strict=True)
            ],
            "JSD": [
                f"{v:.3f}" + (f" [{lo:.3f}, {hi:.3f}]" if np.isfinite(lo) else " (no CI)")
                for v, lo, hi in zip(
                    similarity["jsd"], similarity["low"], similarity["high"], strict=True
                )
            ],
            "above chance": [f"{v:+.3f}" if np.isfinite(v) else "–" for v in similarity["excess"]],
            "p (adjusted)": [_p_value(p) for p in similarity["p_adjusted"]],
            "n docs": [
                f"{a} / {b}"
                for a, b in zip(similarity["n_docs_a"], similarity["n_docs_b"], strict=True)
            ],
        }
    )
    return [*lines, markdown_table(table)]


def _pairs_above_chance(similarity: pd.DataFrame, ci: float) -> tuple[int, int]:
    """How many pairs lie above their permutation null at adjusted p < 1 - ``ci``, of how
    many tested (pairs where both outlets have two documents or more)."""
    tested = similarity["p_adjusted"].dropna()
    return int((tested < 1 - ci).sum()), len(tested)


def _adjusted_by(config: dict) -> str:
    """How p-values were adjusted, in words (config ``stats.p_adjust``)."""
    method = config["stats"]["p_adjust"]
    return "not adjusted" if method == "none" else f"{method}-adjusted over all pairs"


def _p_value(p: float) -> str:
    """A p-value as text: NaN is a dash, tiny values a bound."""
    if not np.isfinite(p):
        return "–"
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def _modelled_units(units: pd.DataFrame, n_selection: int, unit: str) -> str:
    """How many units the topics rest on, how many were left out and why."""
    modelled = units[units["topic_unit"].astype(bool)]
    text = (
        f"**The topics rest on {len(modelled):,} {unit}s from "
        f"{modelled['doc_id'].nunique():,} documents.**"
    )
    if n_selection < len(modelled):
        text += f" K was chosen on a seeded sample of {n_selection:,} of them."
    left_out = units.loc[~units["topic_unit"].astype(bool), "excluded_reason"].value_counts()
    if len(left_out):
        reasons = ", ".join(f"{n:,} {reason}" for reason, n in sorted(left_out.items()))
        text += (
            f" {int(left_out.sum()):,} of {len(units):,} {unit}s were not modelled ({reasons}; "
            "`topics/topic_units.parquet`)."
        )
    return text


def _topics_section(
    topic_words: pd.DataFrame,
    prevalence: pd.DataFrame,
    outlets: dict,
    config: dict,
    tables: dict[str, pd.DataFrame],
) -> list[str]:
    ci = config["stats"]["ci"]
    unit = config["segment"]["unit"]
    topics_cfg = config["topics"]
    engine = {"nmf": "NMF (TF-IDF)", "lda": "LDA (counts)"}[topics_cfg.get("engine", "nmf")]
    selection = tables.get("selection")
    if selection is not None and selection["chosen"].any():
        chosen = selection[selection["chosen"]].iloc[0]
        k_text = (
            f"k = {int(chosen['k'])}, chosen from k = "
            f"{', '.join(str(int(k)) for k in selection['k'])}: {chosen['reason']}. "
            f"Coherence (NPMI) {chosen['coherence']:.3f}, diversity {chosen['diversity']:.2f}, "
            f"exclusivity {chosen['exclusivity']:.2f}, stability across "
            f"{int(chosen['restarts'])} seeds "
            + (f"{chosen['stability']:.2f}" if np.isfinite(chosen["stability"]) else "n/a")
            + " (`topics/model_selection.csv`)."
        )
        if "degenerate" in selection and selection["degenerate"].any():
            flagged = ", ".join(str(int(k)) for k in selection.loc[selection["degenerate"], "k"])
            k_text += (
                f" Degenerate models (one topic holding most of every outlet, or near-empty "
                f"topics) were not preferred: k = {flagged}."
            )
        rest = (
            f"**The topics rest on {int(chosen['n_units'])} {unit}s from "
            f"{int(chosen['n_docs'])} documents.**"
        )
        n_docs_total = int(chosen["n_docs"])
        if tables.get("units") is not None:
            rest = _modelled_units(tables["units"], int(chosen["n_units"]), unit)
    else:
        k_text = f"k = {topics_cfg['k']}."
        rest, n_docs_total = "", None
    lines = [
        f"{engine} on {unit}s, {k_text} Prevalence is the mean "
        f"topic share per document, with {ci:.0%} bootstrap intervals over documents "
        f"({config['stats']['n_boot']} resamples). {rest}".rstrip(),
        "",
    ]
    single = sorted(prevalence.loc[prevalence["n_docs"] == 1, "outlet"].unique())
    if single or (n_docs_total is not None and n_docs_total < 20):
        names = ", ".join(outlets[o].name for o in single if o in outlets)
        lines += [
            "> **Warning: topic models on so few documents are fragile.** "
            + (f"The estimates for {names} rest on one document each. " if names else "")
            + "Topics, prevalence and frame packages describe these articles, not the outlets.",
            "",
        ]
    words = topic_words.groupby("topic")["term"].apply(lambda s: ", ".join(s)).reset_index()
    words.columns = ["topic", "top words"]
    frex = tables.get("frex")
    if frex is not None:
        frex_words = frex.sort_values(["topic", "rank"]).groupby("topic")["term"].apply(", ".join)
        words["FREX words"] = words["topic"].map(frex_words)
    if "suspect" in topic_words:
        firsts = topic_words.drop_duplicates("topic").set_index("topic")
        words["mass"] = words["topic"].map(firsts["mass_share"]).map(lambda v: f"{v:.2f}")
        reasons = firsts["suspect_reason"].where(firsts["suspect"].astype(bool), "")
        words["flag"] = words["topic"].map(reasons.map(lambda r: f"suspect: {r}" if r else ""))
    words["topic"] = words["topic"] + 1
    lines += [markdown_table(words), ""]
    lines += [
        "The three most representative paragraphs of each topic, with document ids, are in "
        "`topics/representative_units.csv`.",
        "",
    ]
    table = prevalence.copy()
    table["outlet"] = table["outlet"].map(lambda o: outlets[o].name)
    table["topic"] = table["topic"] + 1
    table["share"] = [
        f"{m:.2f}" + (f" [{lo:.2f}, {hi:.2f}]" if np.isfinite(lo) else " (n = 1, no CI)")
        for m, lo, hi in zip(table["mean"], table["low"], table["high"], strict=True)
    ]
    wide = table.pivot(index="outlet", columns="topic", values="share")
    wide.columns = [f"T{c}" for c in wide.columns]
    wide = wide.reindex([o.name for o in outlets.values() if o.name in wide.index])
    n_docs = table.drop_duplicates("outlet").set_index("outlet")["n_docs"]
    wide.insert(0, "n docs", [int(n_docs[name]) for name in wide.index])
    lines.append(markdown_table(wide.reset_index()))
    packages = tables.get("packages")
    if packages is not None and not packages.empty:
        listed = packages.sort_values(["package", "topic"]).groupby("package")["topic"]
        text = "; ".join(f"P{p}: " + ", ".join(f"T{t + 1}" for t in topics) for p, topics in listed)
        lines += [
            "",
            f"Frame packages (Louvain communities of positively correlated topics): {text}. "
            "Their prevalence per outlet is in `topics/package_prevalence.csv`; differences "
            "between outlets with intervals in `topics/outlet_differences.csv`.",
        ]
    return lines
