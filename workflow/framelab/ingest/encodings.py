"""A document's bytes as text: the declared encoding, a byte-order mark, and the checks that
refuse bytes that would be garbled (binary data, UTF-8 declared as a legacy encoding, a legacy
encoding read as another one).

A one-byte legacy encoding decodes any bytes, so a file in the wrong one reads without error
as mojibake: Russian in cp1251 read as latin-1 gives "Ïåðåâåäåíî". Such text is told from
real text by the shape of its words (:func:`word_plausibility`): a real word is written in one
script, its letters in one case pattern, without symbols inside it, and a Latin word rarely
has three accented letters in a row. When most words of the text as read are implausible and
most words are plausible under another legacy encoding, the file is refused, naming it.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Sequence

from framelab.errors import InputError

__all__ = [
    "LEGACY_CANDIDATES",
    "bom_encoding",
    "decode_document",
    "likely_legacy_encoding",
    "word_plausibility",
]

#: one-byte encodings tried for text that reads as mojibake, the most widely used first
#: (the first wins a tie)
LEGACY_CANDIDATES = (
    "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "cp1255", "cp1256",
    "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_13", "iso8859_15",
    "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "mac_roman",
)  # fmt: skip
_BOMS = (  # UTF-32's little-endian mark begins with UTF-16's, so it is tried first
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
_MIN_JUDGED = 5  # words with a non-ASCII letter needed before a text is judged
_IMPLAUSIBLE = 0.5  # below this share of plausible words the text as read is mojibake ...
_PLAUSIBLE = 0.9  # ... when another encoding reaches this share
_WORD_EDGE = "\"'“”‘’«»„‹›¿¡()[]{}<>.,;:!?…-–—/*&%$#@+=|~^`€£¥°§©®™"
_INNER = "-'’.–—/"  # characters a real word may hold between its letters
#: bytes a multi-byte encoding (UTF-8, Shift-JIS, GBK, ...) reads as fewer characters
_PROBES = (b"\xc3\xa9", b"\xe3\x81\x82", b"\x82\xa0", b"\xa4\xa2")


def bom_encoding(data: bytes) -> str | None:
    """``utf-32`` or ``utf-16`` when ``data`` starts with that byte-order mark, else None."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def decode_document(data: bytes, *, encoding: str, where: str, max_bytes: int) -> str:
    """Decode one document's bytes, refusing empty, binary, oversized, undecodable and
    garbled input.

    A UTF-16 or UTF-32 byte-order mark decides the encoding whether or not it is declared
    (the metadata column ``encoding`` or config ``corpus.default_encoding``); a conflicting
    declaration is an error.

    Raises
    ------
    InputError
        Naming ``where`` and, for undecodable bytes, the byte offset and the fix.
    """
    if len(data) > max_bytes:
        raise InputError(
            f"{where}: {len(data)} bytes exceeds config corpus.max_bytes ({max_bytes}); "
            "split the document or raise the limit"
        )
    try:
        declared = codecs.lookup(encoding).name
    except LookupError as err:
        raise InputError(f"{where}: unknown encoding {encoding!r}") from err
    marked = bom_encoding(data)
    if marked is not None:
        if declared not in {"utf-8", marked, f"{marked}-le", f"{marked}-be"}:
            raise InputError(
                f"{where}: declared encoding {encoding!r}, but the file starts with a "
                f"{marked.upper()} byte-order mark; leave the metadata column 'encoding' empty "
                f"or set it to {marked}"
            )
        encoding = declared = marked
    if declared not in _WIDE and b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(f"{where}: NUL byte at offset {offset}; this is a binary file, not text")
    if _declared_legacy_but_utf8(data, declared):
        raise InputError(
            f"{where}: declared encoding {encoding!r}, but the bytes are UTF-8 with non-ASCII "
            "text; decoding them as declared would garble it. Leave the metadata column "
            "'encoding' empty (UTF-8) or correct it"
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{where}: bytes at offset {err.start} are not valid {encoding} ({err.reason}); "
            "if the file uses another encoding, name it in the metadata column 'encoding' "
            "(e.g. cp1251)"
        ) from err
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise InputError(
            f"{where}: NUL character at offset {text.index(chr(0))} of the text decoded as "
            f"{encoding}; this is a binary file, or not {encoding}"
        )
    if not text.strip():
        raise InputError(f"{where}: the document is empty or whitespace only")
    if _one_byte(declared) and not data.isascii():
        likely = likely_legacy_encoding(data, declared)
        if likely is not None:
            raise InputError(
                f"{where}: decoded as {encoding} the text is garbled (e.g. "
                f"{_example(text)!r}); it reads as {likely}: name that in the metadata column "
                "'encoding'"
            )
    return text


def likely_legacy_encoding(
    data: bytes, read_as: str, candidates: Sequence[str] = LEGACY_CANDIDATES
) -> str | None:
    """The encoding ``data`` is likely in, when read as ``read_as`` it looks like mojibake
    and under that encoding it reads as plausible text; None otherwise.

    The judgement rests on the words that hold a non-ASCII letter
    (:func:`word_plausibility`); a text with fewer than five such words is not judged.
    """
    as_read = word_plausibility(data.decode(read_as, errors="replace"))
    if as_read is None or as_read >= _IMPLAUSIBLE:
        return None
    best, best_share = None, _PLAUSIBLE
    for candidate in candidates:
        if codecs.lookup(candidate).name == codecs.lookup(read_as).name:
            continue
        try:
            share = word_plausibility(data.decode(candidate))
        except UnicodeDecodeError:
            continue
        if share is not None and share > best_share:
            best, best_share = candidate, share
    return best


def word_plausibility(text: str) -> float | None:
    """The share of the words holding a non-ASCII character that are plausible words, or
    None when there are fewer than five such words.

    A word (a whitespace-separated token, stripped of surrounding punctuation, at least
    three characters) is plausible when its letters are of one script (Latin, Cyrillic,
    Greek, ...); it holds no symbol, control character or digit between them; its case is
    lower, upper or title; and, in Latin script, no three accented letters follow each other.
    Prose is mostly not in capitals, so words in capitals count as plausible only while they
    are at most half of the words judged (a lowercase text in the wrong Cyrillic encoding
    reads as capitals).
    """
    judged = plausible = capitals = 0
    for token in text.split():
        word = token.strip(_WORD_EDGE)
        if len(word) < 3 or word.isascii():
            continue
        judged += 1
        if _plausible_word(word):
            if "".join(c for c in word if c.isalpha()).isupper():
                capitals += 1
            else:
                plausible += 1
    if judged < _MIN_JUDGED:
        return None
    return (plausible + (capitals if 2 * capitals <= judged else 0)) / judged


def _plausible_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not letters or any(not c.isalpha() and c not in _INNER for c in word):
        return False
    scripts = {_script(c) for c in letters}
    if len(scripts) > 1:
        return False
    cased = "".join(letters)
    if not (cased.islower() or cased.isupper() or (cased[0].isupper() and cased[1:].islower())):
        return False
    if scripts == {"LATIN"}:
        run = 0
        for c in letters:
            run = run + 1 if not c.isascii() else 0
            if run >= 3:
                return False
    return True


def _script(char: str) -> str:
    """The script of a letter, the first word of its Unicode name (LATIN, CYRILLIC, ...)."""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def _one_byte(encoding: str) -> bool:
    """Whether ``encoding`` maps each byte to one character (decodes any bytes)."""
    return all(len(probe.decode(encoding, errors="replace")) == len(probe) for probe in _PROBES)


def _example(text: str) -> str:
    """The first word of ``text`` with an implausible non-ASCII letter, for a message."""
    for token in text.split():
        word = token.strip(_WORD_EDGE)
        if len(word) >= 3 and not word.isascii() and not _plausible_word(word):
            return word[:40]
    return text.strip()[:40]


def _declared_legacy_but_utf8(data: bytes, declared: str) -> bool:
    """Whether a non-UTF-8 encoding is declared for bytes that are UTF-8 beyond ASCII, which
    almost always means the declaration is wrong (cp1251 Cyrillic is never valid UTF-8)."""
    if declared == "utf-8" or declared in _WIDE or data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
