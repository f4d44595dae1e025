"""Snakemake glue: run the framelab stage named by the rule, logging to the rule's log file.

The last log line gives the CPU seconds the job used, start-up included (``bench/run.py``
reads it). With the environment variable ``FRAMELAB_PROFILE`` set to a folder, the stage runs
under cProfile and its statistics are written there as ``<rule>[-<wildcards>].prof``; the
outputs are the same either way.

A stage that succeeds ends the process without Python's teardown: by then every output is
written, closed and renamed into place and the log is closed, and freeing the imported
modules would cost a plotting job about a quarter of a second of CPU. A failing stage exits
through the usual traceback.
"""

import os
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # framelab, even when not installed

from framelab.logs import log_to  # noqa: E402
from framelab.stages import run_stage  # noqa: E402


def _run() -> None:
    run_stage(
        snakemake.rule,
        snakemake.params.config,
        inputs=dict(snakemake.input.items()),
        outputs=dict(snakemake.output.items()),
        params={k: v for k, v in snakemake.params.items() if k != "config"},
    )


with log_to(snakemake.log[0]) as log:
    profile_dir = os.environ.get("FRAMELAB_PROFILE")
    if profile_dir:
        import cProfile

        name = "-".join([snakemake.rule, *map(str, snakemake.wildcards)])
        Path(profile_dir).mkdir(parents=True, exist_ok=True)
        profiler = cProfile.Profile()
        profiler.runcall(_run)
        profiler.dump_stats(Path(profile_dir) / f"{name}.prof")
    else:
        _run()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    log.info("cpu_s=%.3f", usage.ru_utime + usage.ru_stime)

sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
