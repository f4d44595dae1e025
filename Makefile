# framelab: the commands a researcher types. `make run` and `make test` set up .venv first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
comma := ,
# optional extras beside dev: `make setup EXTRAS=transformer` (the transformer stance engine)
EXTRAS ?=
STAMP := $(VENV)/.installed$(if $(EXTRAS),-$(subst $(comma),-,$(EXTRAS)))
# framelab's bytecode, written ahead: every job imports framelab afresh, and where
# PYTHONDONTWRITEBYTECODE is set (some containers) Python would compile it in every job
BYTECODE := $(BIN)/python -m compileall -q workflow/framelab
CORES ?= 4
# the study to run or report: `make run CONFIG=my-study.yaml`; its results go to results/<study>/
CONFIG ?= config.yaml
STUDY = $(shell $(BIN)/python -c 'from framelab.config import load_config; print(load_config("$(CONFIG)")["study"])')

.PHONY: setup run test test-slurm lint format dag report bench clean-results seed-digests help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml requirements-lock.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "framelab needs Python >= 3.11, got " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements-lock.txt -e '.[dev$(if $(EXTRAS),$(comma)$(EXTRAS))]'
	$(BIN)/python -c 'from framelab.stance import ensure_vader_lexicon; print("NLTK data:", ensure_vader_lexicon())'
	$(BYTECODE)
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install framelab with pinned dependencies (EXTRAS=transformer)

run: $(STAMP)  ## run the whole pipeline on CONFIG (config.yaml: the seed study) into results/<study>/
	@$(BYTECODE)
	$(BIN)/snakemake --cores $(CORES) --workflow-profile workflow/profiles/local --configfile $(CONFIG)

dag: $(STAMP)  ## list the jobs the pipeline would run on CONFIG
	$(BIN)/snakemake -n --quiet rules --configfile $(CONFIG)

report: $(STAMP)  ## self-contained HTML report of CONFIG's last run: results/<study>/report.html
	$(BIN)/snakemake --configfile $(CONFIG) --report results/$(STUDY)/report.html

test: $(STAMP)  ## lint and run the whole test suite (what CI runs)
	$(BIN)/ruff check workflow tests bench
	$(BIN)/ruff format --check workflow tests bench
	@$(BYTECODE)
	$(BIN)/python -m pytest

seed-digests: run  ## record the seed study's result digests, after a change meant to alter them
	$(BIN)/python .ci/seed_digests.py results/seed-corpus

SLURM_STAMP := $(VENV)/.installed-slurm
$(SLURM_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements-lock.txt -e '.[dev,slurm]'
	touch $(SLURM_STAMP)

test-slurm: $(SLURM_STAMP)  ## run the seed DAG through a single-node SLURM started here (root, apt)
	BIN=$(BIN) .ci/slurm/test.sh

BENCH_N ?= 1000 10000
bench: $(STAMP)  ## benchmark the DAG on synthetic corpora (BENCH_N="1000 10000"): bench/results/
	@$(BYTECODE)
	$(BIN)/python bench/run.py $(BENCH_N)
	@# with the transformer extra: its fine-tune, dev macro-F1 and speed (20-40 min on 2 cores)
	if $(BIN)/python -c 'import torch, transformers' 2>/dev/null; then \
	  $(BIN)/python bench/stance_eval.py --engine transformer --save bench/work/stance-transformer.zip \
	    | tee bench/results/stance-transformer.txt; fi

lint: $(STAMP)  ## ruff, snakefmt and snakemake --lint
	$(BIN)/ruff check workflow tests bench
	$(BIN)/ruff format --check workflow tests bench
	$(BIN)/snakefmt --check Snakefile workflow/rules
	$(BIN)/snakemake --lint

format: $(STAMP)  ## format Python and Snakemake files in place; strip notebook outputs
	$(BIN)/python .ci/strip_notebooks.py notebooks/*.ipynb
	$(BIN)/ruff format workflow tests bench
	$(BIN)/ruff check --fix workflow tests bench
	$(BIN)/snakefmt Snakefile workflow/rules

clean-results:  ## delete every study's results (keeps results/README.md)
	find results -mindepth 1 ! -name README.md -delete
	rm -rf .snakemake
