"""The ``framelab`` command: pipeline stages that are useful on their own, outside the DAG."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from framelab import __version__, clean, ingest, segment
from framelab.config import load_config
from framelab.errors import InputError
from framelab.io import read_word_list, write_csv, write_parquet, write_text
from framelab.logs import log_to
from framelab.stance.paths import DEFAULT_CUES_PATH, DEFAULT_TRAIN_PATH

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for bad input)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in _DELEGATED:  # these parse their own arguments, --help included
        return _DELEGATED[argv[0]]()(argv[1:])
    args = _parser().parse_args(argv)
    try:
        with log_to(None):
            return args.handler(args)
    except InputError as err:
        print(f"framelab {args.command}: {err}", file=sys.stderr)
        return 2


def _clean_main():  # noqa: ANN202
    from framelab.clean.cli import main

    return main


def _stance_main():  # noqa: ANN202
    from framelab.stance.cli import main

    return main


_DELEGATED = {"clean": _clean_main, "stance": _stance_main}


def _read_corpus(config: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole corpus of a study config, read and checked as the pipeline's shards are."""
    settings = ingest.IngestSettings.from_config(config)
    return ingest.ingest(settings, article_text=clean.article_text)


def _init(args: argparse.Namespace) -> int:
    import yaml

    from framelab import study
    from framelab.config import outlets as config_outlets
    from framelab.config import validate_config

    out = Path(args.out or f"{args.name}.yaml")
    targets_path = out.with_name(f"{out.stem}.targets.yaml")
    existing = [str(p) for p in (out, targets_path) if p.exists()]
    if existing and not args.force:
        raise InputError(f"{', '.join(existing)}: already there; remove it or add --force")
    corpus = study.read_corpus(
        metadata=args.metadata, documents=args.documents, text_column=args.text_column
    )
    config_text = study.study_config(args.name, corpus, targets_path=str(targets_path))
    config = validate_config(yaml.safe_load(config_text), source=str(out))
    plan = ingest.plan_corpus(ingest.IngestSettings.from_config(config))  # as snakemake will
    outlets = config_outlets(config)
    names = [outlet.name for outlet in outlets.values()]
    candidates = study.candidate_targets(corpus.texts, exclude=[*names, *outlets])
    write_text(config_text, out)
    write_text(study.targets_lexicon(args.name, candidates, len(corpus.texts)), targets_path)
    n_docs = sum(len(rows) for rows in plan.values())
    print(
        f"wrote {out}: study {args.name!r}, {n_docs:,} documents from {len(outlets)} outlets "
        f"({', '.join(names)})\n"
        f"wrote {targets_path}: {len(candidates)} candidate targets, commented out "
        f"({', '.join(c for c, _ in candidates[:5])}, ...)\n"
        "next:\n"
        f"  framelab validate --config {out}\n"
        f"  snakemake --cores 4 --configfile {out}"
    )
    return 0


def _validate(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    plan = ingest.plan_corpus(ingest.IngestSettings.from_config(config))
    for warning in ingest.review_plan(plan, config):
        print(f"framelab validate: warning: {warning}", file=sys.stderr)
    corpus, ledger = _read_corpus(config)
    print(
        f"{args.config}: valid; {len(corpus)} documents from "
        f"{corpus['outlet'].nunique()} outlets in {corpus['shard'].nunique()} shard(s); "
        f"{int((ledger['status'] != 'ingested').sum())} files skipped"
    )
    return 0


def _ingest(args: argparse.Namespace) -> int:
    corpus, ledger = _read_corpus(load_config(args.config))
    out = Path(args.out)
    write_parquet(corpus, out / "corpus.parquet")
    write_csv(ledger, out / "ledger.csv")
    print(f"wrote {len(corpus)} documents to {out / 'corpus.parquet'} and {out / 'ledger.csv'}")
    return 0


def _segment(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.path == "-" else Path(args.path).read_text(encoding="utf-8")
    splitter = segment.SentenceSplitter(read_word_list(args.abbreviations))
    print("paragraph\tsentence\tstart\tend\ttext")
    for p_no, (p_start, p_end) in enumerate(segment.paragraph_spans(text), start=1):
        paragraph = text[p_start:p_end]
        for s_no, (start, end) in enumerate(splitter.spans(paragraph), start=1):
            sentence = " ".join(paragraph[start:end].split())
            print(f"{p_no}\t{s_no}\t{p_start + start}\t{p_start + end}\t{sentence}")
    return 0


def _frame_precision(args: argparse.Namespace) -> int:
    from framelab import framing

    sheet = pd.read_csv(args.sheet, keep_default_na=False, dtype=str)
    table = framing.validation_precision(sheet, source=args.sheet)
    print(table.to_csv(index=False, float_format="%.3f"), end="")
    return 0


def _stance_sample(args: argparse.Namespace) -> int:
    from framelab import stance
    from framelab.io import read_parquet

    path = Path(args.mentions)
    if not path.is_file():
        raise InputError(f"{path}: file not found (features/stance/mentions.parquet of a run)")
    sample = stance.stance_sample(read_parquet(path), n=args.n, random_state=args.seed)
    write_csv(sample, args.out)
    print(
        f"wrote {args.out}: {len(sample)} mentions from "
        f"{sample[['outlet', 'target', 'model_label']].drop_duplicates().shape[0]} strata "
        "(outlet x target x model label); fill coder_label (negative, neutral, positive), "
        f"hiding model_label and model_score, then run: framelab stance-agreement {args.out}"
    )
    return 0


def _stance_agreement(args: argparse.Namespace) -> int:
    from framelab import stance

    path = Path(args.sheet)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    if args.sheet_labels:  # the sheet's model_label against the coder, no training
        sheet = pd.read_csv(path, keep_default_na=False, dtype=str)
        coded = stance.read_coded(sheet, source=str(path))
        table = stance.agreement(coded, n_boot=args.n_boot, random_state=args.seed)
        print(table.to_csv(index=False, float_format="%.3f"), end="")
        return 0
    coded_mentions = stance.read_coded_mentions(path)
    table, predictions = stance.cross_validated_agreement(
        stance.read_labelled(args.training),
        coded_mentions,
        fit=stance.engine_fitter(
            args.engine, cues=stance.load_cues(args.cues), random_state=args.seed
        ),
        engine=args.engine,
        folds=args.folds,
        coded_weight=args.coded_weight,
        n_boot=args.n_boot,
        random_state=args.seed,
    )
    if args.predictions:
        write_csv(predictions, args.predictions)
    print(table.to_csv(index=False, float_format="%.3f"), end="")
    print(
        f"{len(coded_mentions)} coded mentions ({coded_mentions.n_uncoded} rows not coded); "
        f"held-out predictions of {args.folds} folds of documents",
        file=sys.stderr,
    )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framelab",
        description="Source comparison and framing analysis of news corpora.",
        epilog="The whole pipeline runs with `snakemake --cores 4`; these are its stages.",
    )
    parser.add_argument("--version", action="version", version=f"framelab {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser(
        "init",
        help="start a study from a corpus listing: write NAME.yaml and a starter targets lexicon",
    )
    init.add_argument("name", help="study name: letters, digits, _ . - (results/NAME/)")
    listing = init.add_mutually_exclusive_group(required=True)
    listing.add_argument("--metadata", help="metadata CSV listing the text files")
    listing.add_argument("--documents", help="one-file corpus: CSV or JSONL with a text column")
    init.add_argument("--text-column", default="text", help="text column of --documents (text)")
    init.add_argument("--out", help="config to write (NAME.yaml); the lexicon goes beside it")
    init.add_argument("--force", action="store_true", help="overwrite existing files")
    init.set_defaults(handler=_init)

    validate = commands.add_parser(
        "validate", help="check config, metadata and every document without writing anything"
    )
    validate.add_argument("--config", default="config.yaml", help="study config (config.yaml)")
    validate.set_defaults(handler=_validate)

    ingest_cmd = commands.add_parser("ingest", help="read and check the corpus; write Parquet")
    ingest_cmd.add_argument("--config", default="config.yaml")
    ingest_cmd.add_argument("--out", required=True, help="output folder")
    ingest_cmd.set_defaults(handler=_ingest)

    clean_cmd = commands.add_parser(
        "clean",
        help="clean one text file or stdin (see `framelab clean --help`)",
        add_help=False,
    )
    clean_cmd.add_argument("rest", nargs=argparse.REMAINDER)

    stance = commands.add_parser(
        "stance",
        help="stance toward target mentions in a JSONL file (see `framelab stance --help`)",
        add_help=False,
    )
    stance.add_argument("rest", nargs=argparse.REMAINDER)

    precision = commands.add_parser(
        "frame-precision",
        help="dictionary precision per frame (Wilson 95%% CI) from a coded validation sheet",
    )
    precision.add_argument(
        "sheet", help="features/frames/validation_sample.csv with the coder column filled (1/0)"
    )
    precision.set_defaults(handler=_frame_precision)

    sample = commands.add_parser(
        "stance-sample",
        help="a stratified sample of scored stance mentions (outlet x target x model label) "
        "to code by hand",
    )
    sample.add_argument(
        "mentions", help="results/<study>/features/stance/mentions.parquet of a finished run"
    )
    sample.add_argument("--n", type=int, default=300, help="mentions to draw in all (300)")
    sample.add_argument("--seed", type=int, default=0, help="random seed (0)")
    sample.add_argument(
        "--out", default="stance_sample.csv", help="CSV to write (stance_sample.csv)"
    )
    sample.set_defaults(handler=_stance_sample)

    stance_agreement = commands.add_parser(
        "stance-agreement",
        help="macro-F1, accuracy and Cohen's kappa against hand codes of the base model and of "
        "the model adapted to the codes, cross-validated by document (bootstrap CI over "
        "documents)",
    )
    stance_agreement.add_argument(
        "sheet", help="a stance-sample CSV with the coder_label column filled"
    )
    stance_agreement.add_argument(
        "--folds", type=int, default=5, help="folds of coded documents (5)"
    )
    stance_agreement.add_argument(
        "--coded-weight", type=float, default=5.0,
        help="weight of each coded mention in the adapted model (5; config stance.coded_weight)",
    )  # fmt: skip
    stance_agreement.add_argument(
        "--training", default=str(DEFAULT_TRAIN_PATH), help="training split (NewsMTSC train)"
    )
    stance_agreement.add_argument(
        "--cues", default=str(DEFAULT_CUES_PATH), help="cue lexicon (config stance.cues)"
    )
    stance_agreement.add_argument(
        "--engine", default="linear", choices=["linear", "transformer"],
        help="stance engine (linear); transformer fine-tunes once per fold and for the base "
        "model, 20-40 minutes each on 2 cores",
    )  # fmt: skip
    stance_agreement.add_argument(
        "--predictions", help="also write each coded mention's held-out predictions here (CSV)"
    )
    stance_agreement.add_argument(
        "--sheet-labels", action="store_true",
        help="compare the sheet's model_label with the codes instead (no training)",
    )  # fmt: skip
    stance_agreement.add_argument("--n-boot", type=int, default=2000, help="resamples (2000)")
    stance_agreement.add_argument("--seed", type=int, default=0, help="random seed (0)")
    stance_agreement.set_defaults(handler=_stance_agreement)

    segment_cmd = commands.add_parser(
        "segment", help="split a text into paragraphs and sentences (TSV)"
    )
    segment_cmd.add_argument("path", nargs="?", default="-", help="text file, or - for stdin")
    segment_cmd.add_argument("--abbreviations", default="data/lexicons/abbreviations-en.txt")
    segment_cmd.set_defaults(handler=_segment)
    return parser


if __name__ == "__main__":
    sys.exit(main())
