"""Figure captions: rendered with the study's settings, the same text in the report and beside
each figure, and valid reStructuredText."""

from __future__ import annotations

import copy
import io

import pytest
from docutils.core import publish_parts

from framelab.config import load_config
from framelab.figures.manifest import CAPTION_DIR, caption_text

from .conftest import ROOT

CAPTIONS = sorted(p.stem for p in CAPTION_DIR.glob("*.rst"))


@pytest.fixture(scope="module")
def config():
    return load_config(ROOT / "config.yaml")


def _rst_messages(text: str) -> str:
    stream = io.StringIO()
    publish_parts(
        text, writer="html",
        settings_overrides={"warning_stream": stream, "report_level": 2, "halt_level": 5},
    )  # fmt: skip
    return stream.getvalue()


@pytest.mark.parametrize("name", CAPTIONS)
def test_captions_render_as_restructured_text_without_errors(name, config):
    text = caption_text(name, config)
    assert "{{" not in text and "{%" not in text
    assert not _rst_messages(text), name


def test_the_rst_check_catches_an_undefined_substitution():
    assert "Undefined substitution" in _rst_messages("lines mark |z| = 1.96")


def test_captions_state_the_configured_interval_and_topic_engine(config):
    study = copy.deepcopy(config)
    study["stats"]["ci"] = 0.9
    study["topics"]["engine"] = "lda"
    for name in CAPTIONS:
        text = caption_text(name, study)
        assert "95%" not in text, name
        if "interval" in text and name not in {"topic_selection", "ledger", "provenance"}:
            assert "90%" in text, name
    assert "LDA topic" in caption_text("topic_prevalence", study)
    assert "NMF" not in caption_text("topic_prevalence", study)


def test_the_caption_file_and_the_index_carry_the_same_rendered_caption(tmp_path, config):
    import matplotlib.pyplot as plt
    import pandas as pd

    from framelab.figures import figure_manifest, save_figure

    fig = plt.figure()
    paths = [tmp_path / "frames.png", tmp_path / "frames.caption.txt"]
    save_figure(fig, paths, csv=tmp_path / "frames.csv", data=pd.DataFrame(), config=config)
    written = (tmp_path / "frames.caption.txt").read_text(encoding="utf-8").strip()
    (tmp_path / "in.csv").write_text("x\n1\n")
    entries = {"frames": {"rule": "r", "files": [], "inputs": [], "config": {}}}
    index = figure_manifest(entries, config)
    assert index.loc[0, "caption"] == written
    assert config["frames"]["lexicon"] in written and "95% percentile" in written
