"""py3langid's model, unpacked once into the cache, so each job loads it in a fraction of the time.

py3langid (0.4) ships its model as an LZMA-compressed ``.npz`` of 4.6 MB and decompresses its
68 MB every time a process loads it: 0.6-1.2 s here, in every ingest job. :func:`unpacked_model`
writes the decompressed ``.npz`` once into the framelab cache, named by the first 20 hex digits
of the packed file's SHA-256, and :func:`load_unpacked` builds the identifier from it as
``LanguageIdentifier.from_model_file`` does (tested to give the same identifier).
"""

from __future__ import annotations

import lzma
import shutil
from array import array
from pathlib import Path
from typing import Any

import numpy as np

from framelab.cache import cache_dir
from framelab.io import atomic_path, file_sha256

__all__ = ["load_unpacked", "unpacked_model"]

_TYPECODES = {2: "H", 4: "I", 8: "L"}  # unsigned array typecodes by item size


def unpacked_model(packed: str | Path, cache: str | Path | None = None) -> Path:
    """The decompressed ``.npz`` of ``packed`` (an ``.npz.xz``), written on first use.

    It lives in ``<cache>/py3langid/`` (default :func:`framelab.cache.cache_dir`), named by
    the SHA-256 of ``packed``, so an upgraded model gets a file of its own.
    """
    packed = Path(packed)
    digest = file_sha256(packed)[:20]
    target = Path(cache if cache is not None else cache_dir()) / "py3langid" / f"{digest}.npz"
    if not target.is_file():
        with atomic_path(target) as tmp, lzma.open(packed) as src, open(tmp, "wb") as out:
            shutil.copyfileobj(src, out, length=1 << 20)
    return target


def _unsigned_array(values: np.ndarray) -> array:
    """A NumPy unsigned integer array as the stdlib ``array`` py3langid walks its automaton on."""
    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


def load_unpacked(identifier_class: Any, unpacked: str | Path) -> Any:
    """A py3langid ``LanguageIdentifier`` (``norm_probs=True``) from :func:`unpacked_model`.

    Raises
    ------
    KeyError
        When the file lacks one of the arrays of py3langid's model layout.
    """
    with np.load(unpacked, allow_pickle=False) as data:
        return identifier_class(
            data["ptc"],
            data["pc"],
            data["classes"].tolist(),
            _unsigned_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_unsigned_array(data["nextmove_row"]),
        )
