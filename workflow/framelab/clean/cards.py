"""Page debris spliced into a sentence by a scraper, cut out again: link hover cards, and a
photo caption with its credit glued to the start of a paragraph.

Some sites attach a card to each linked name: the person's full name and links to other
stories, closed by "MORE". A scraper that flattens the page splices the card into the
sentence right after the name, with no space before the first linked headline:

    President Trump Donald John TrumpGOP senators balk at lengthy … trial MORE said on Monday

The card starts with the full name (capitalised words, initials and nicknames in parentheses)
that follows the linked name and ends in the same surname, glued to the first headline (a
capital or digit right after the surname's last letter); it ends at the next "MORE". What is
left is the sentence as published: "President Trump said on Monday".
"""

import re

__all__ = ["remove_glued_caption", "remove_link_cards"]

# the surname glued to the first headline: "TrumpGOP", "Sanders2020", "McConnellGOP"
_GLUED_TOKEN_RE = re.compile(r"(?<!\S)[A-Z][\w'’-]*?[a-z][A-Z0-9\"“‘']\S*")
_JOIN_RE = re.compile(r"(?<=[a-z])(?=[A-Z0-9\"“‘'])")
_MORE_RE = re.compile(r"\bMORE\b")
_NAME_TOKEN_RE = re.compile(r"^(?:[A-Z][\w'’.-]*|\([A-Z][\w'’. -]*\))$")
_NAME_PART_RE = re.compile(r"\([^()]{1,30}\)|\S+")  # a word, or a nickname in parentheses
_MAX_CARD_CHARS = 700
_MAX_NAME_TOKENS = 6


def _card_start(text: str, glued: int, surname: str) -> int | None:
    """Where the card's full name begins: after the linked name's surname, or None.

    ``glued`` is where the token of the surname glued to the headline starts.
    """
    tokens = list(_NAME_PART_RE.finditer(text, 0, glued))
    for back, token in enumerate(reversed(tokens), start=1):
        word = token.group(0)
        if word.rstrip(",.;:’'s") == surname or word.rstrip(",.;:") == surname:
            return token.end()  # the card starts at the space after the linked surname
        if back > _MAX_NAME_TOKENS or not _NAME_TOKEN_RE.match(word):
            return None
    return None


def remove_link_cards(text: str) -> tuple[str, list[tuple[str, str, str, int]]]:
    """Remove every spliced hover card from one line.

    Returns
    -------
    text : str
        The line without the cards.
    changes : list of (kind, before, after, offset)
        One ``link_card`` change per card: the card's text, ``""`` and its offset.
    """
    if "MORE" not in text:
        return text, []
    changes: list[tuple[str, str, str, int]] = []
    pos = 0
    out: list[str] = []
    for token in _GLUED_TOKEN_RE.finditer(text):
        if token.start() < pos:
            continue
        more = _MORE_RE.search(text, token.end())
        if more is None or more.end() - token.start() > _MAX_CARD_CHARS:
            continue
        # the card's name ends with the same surname as the linked name before it
        start = None
        for join in _JOIN_RE.finditer(token.group(0)):
            surname = token.group(0)[: join.start()]
            start = _card_start(text, token.start(), surname)
            if start is not None:
                break
        if start is None or start < pos:
            continue
        out.append(text[pos:start])
        changes.append(("link_card", text[start : more.end()], "", start))
        pos = more.end()
    if not changes:
        return text, []
    out.append(text[pos:])
    return "".join(out), changes


# "Smoke rises over Damascus on Thursday. (Photo: Ann Lee, AP) The minister said …": a caption
# ending in a parenthesised credit, then the paragraph.
_GLUED_CAPTION_RE = re.compile(
    r"^(?P<caption>[^()]{10,400}?\((?i:photo|photograph|image|picture|file photo)s?"
    r"(?: credit)?\s*:[^()]{1,80}\))\s+(?=[A-Z“\"‘'])"
)
_MIN_REST_WORDS = 12


def remove_glued_caption(text: str) -> tuple[str, list[tuple[str, str, str, int]]]:
    """Cut a caption and its credit from the start of a paragraph they were glued to.

    Only when at least ``_MIN_REST_WORDS`` words follow the credit: a line that is only a
    caption is the line rules' to remove.

    Returns
    -------
    text : str
    changes : list of (kind, before, after, offset)
        One ``glued_caption`` change, or none.
    """
    if "(" not in text:
        return text, []
    match = _GLUED_CAPTION_RE.match(text)
    if match is None or len(text[match.end() :].split()) < _MIN_REST_WORDS:
        return text, []
    return text[match.end() :], [("glued_caption", match.group("caption"), "", 0)]
