# framelab: source comparison and framing analysis of news corpora.
#   snakemake --cores 4                             the seed study in config.yaml
#   snakemake --cores 4 --configfile my-study.yaml  your own study (replaces config.yaml)
# Each study writes only under results/<study>/ (config key `study`).
import sys

from snakemake.utils import min_version

min_version("9.0")
# framelab, importable even when not pip-installed (e.g. in a conda env from environment.yml)
sys.path.insert(0, f"{workflow.basedir}/workflow")


if not workflow.overwrite_configfiles:

    configfile: "config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/clean.smk"
include: "workflow/rules/segment.smk"
include: "workflow/rules/terms.smk"
include: "workflow/rules/topics.smk"
include: "workflow/rules/framing.smk"
include: "workflow/rules/stance.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/report.smk"


rule all:
    default_target: True
    input:
        rules.summary.output.output,
        rules.clean_tables.output,
        rules.context.output,
        shard_paths(result("clean/audit-{shard}.html")),
        rules.figures_terms.output,
        topic_outputs(),
        rules.figures_framing.output,
        rules.figures_stance.output,
        rules.figure_index.output,
        rules.provenance.output,
