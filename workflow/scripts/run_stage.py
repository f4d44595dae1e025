"""Snakemake glue: run the framelab stage named by the rule, logging to the rule's log file."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # framelab, even when not installed

from framelab.logs import log_to  # noqa: E402
from framelab.stages import run_stage  # noqa: E402

with log_to(snakemake.log[0]):
    run_stage(
        snakemake.rule,
        snakemake.params.config,
        inputs=dict(snakemake.input.items()),
        outputs=dict(snakemake.output.items()),
        params={k: v for k, v in snakemake.params.items() if k != "config"},
    )
