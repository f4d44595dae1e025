"""py3langid's model unpacked into the cache gives the identifier the package builds itself."""

from __future__ import annotations

import io
import lzma

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

import framelab.ingest.language as language
from framelab.ingest.langid_model import load_unpacked, unpacked_model

TEXTS = [
    "The ministry said the contract for the air defence systems was signed on Monday.",
    "Министерство обороны сообщило о поставках систем противовоздушной обороны.",
    "Le ministère a annoncé la signature du contrat lundi.",
    "Kementerian mengatakan kontrak itu ditandatangani pada hari Senin.",
    "",
    "1234 5678 !!!",
]


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    return unpacked_model(MODEL_DIR / MODEL_FILE, tmp_path_factory.mktemp("cache"))


def test_unpacked_identifier_equals_the_packages(unpacked):
    ours = load_unpacked(LanguageIdentifier, unpacked)
    theirs = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    assert np.array_equal(ours.nb_ptc, theirs.nb_ptc) and ours.nb_ptc.dtype == theirs.nb_ptc.dtype
    assert np.array_equal(ours.nb_pc, theirs.nb_pc)
    assert ours.nb_classes == theirs.nb_classes
    assert ours.tk_nextmove == theirs.tk_nextmove and ours.tk_row == theirs.tk_row
    assert ours.tk_output == theirs.tk_output
    for text in TEXTS:
        assert ours.rank(text) == theirs.rank(text)
        assert ours.classify(text) == theirs.classify(text)


def test_the_model_is_unpacked_once_and_named_by_its_digest(unpacked, tmp_path):
    again = unpacked_model(MODEL_DIR / MODEL_FILE, unpacked.parent.parent)
    assert again == unpacked and again.stat().st_mtime_ns == unpacked.stat().st_mtime_ns
    small = tmp_path / "small.npz.xz"
    small.write_bytes(lzma.compress(b"not the model"))
    other = unpacked_model(small, unpacked.parent.parent)
    assert other.parent == unpacked.parent and other.name != unpacked.name
    assert other.read_bytes() == b"not the model"


def test_a_file_without_the_model_arrays_is_refused(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, ptc=np.zeros((2, 2)))
    with pytest.raises(KeyError):
        load_unpacked(LanguageIdentifier, path)


def test_detection_falls_back_to_the_packaged_loader(monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("read-only cache")

    monkeypatch.setattr(language, "unpacked_model", broken)
    identifier = language._identifier.__wrapped__()
    assert identifier.classify(TEXTS[0])[0] == "en"


def _npz_bytes() -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, ptc=np.zeros((50, 50)))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 not a zip archive", _npz_bytes()[:-30], _npz_bytes()[:600]],
    ids=["not-a-zip", "cut-short", "cut-in-an-array"],
)
def test_a_damaged_cached_copy_is_removed_and_the_package_loads_the_model(
    monkeypatch, tmp_path, content, caplog
):
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(content)
    monkeypatch.setattr(language, "unpacked_model", lambda packed: damaged)
    identifier = language._identifier.__wrapped__()
    assert identifier.classify(TEXTS[1])[0] == "ru"
    assert not damaged.exists()  # the next job unpacks the model again
    assert "damaged copy" in caplog.text
