"""Find where a reader-comment widget starts: from there to the end is not the article."""

from collections.abc import Sequence

from framelab.clean.rules import CleanRules

__all__ = ["find_comments_start"]

# A boundary line is a short widget label, never a body sentence that mentions comments.
_MAX_BOUNDARY_WORDS = 20


def find_comments_start(
    lines: Sequence[str], body_chars_before: Sequence[int], rules: CleanRules
) -> tuple[int, str] | None:
    """Index of the first comment-widget boundary line, and the rule that matched.

    Parameters
    ----------
    lines : sequence of str
        The document's lines.
    body_chars_before : sequence of int
        Per line, the number of body-like characters on the lines before it.
    rules : CleanRules
        Supplies ``comment_boundaries`` and ``comments_min_body_chars``.

    Returns
    -------
    (int, str) or None
        0-based line index and rule name, or None when the page has no comment section.
    """
    needed = rules.comments_min_body_chars
    for i, line in enumerate(lines):
        if body_chars_before[i] < needed:
            continue
        text = line.strip()
        # splitting stops after the word that makes the line too long
        if not text or len(text.split(None, _MAX_BOUNDARY_WORDS)) > _MAX_BOUNDARY_WORDS:
            continue
        for pattern in rules.comment_boundaries:
            if pattern.regex.search(text):
                return i, pattern.rule
    return None
