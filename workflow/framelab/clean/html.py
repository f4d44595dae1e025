"""Visible article text of an HTML page, via trafilatura (offline, no downloads)."""

import logging

from framelab.clean.document import clean_document
from framelab.clean.rules import load_rules

__all__ = ["article_text", "extract_html"]

logger = logging.getLogger(__name__)


def extract_html(html: str) -> str:
    """Extract the main text of an HTML page, one block per line.

    Parameters
    ----------
    html : str
        The page's HTML.

    Returns
    -------
    str
        Paragraphs, headings and list items one per line, comments left out; ``""`` when
        nothing could be extracted. Pass the result through ``clean_document`` as any page text.
    """
    import trafilatura  # imported here: only HTML input needs it

    if not html.strip():
        return ""
    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=False,
        deduplicate=False,
        with_metadata=False,
        output_format="txt",
    )
    if text is None:
        logger.info("trafilatura found no article text in a page of %d characters", len(html))
        return ""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def article_text(html: str) -> str:
    """What survives of a page's extracted text after the line cleaner with its default rules:
    blank for a page without article text (ingest refuses such a page)."""
    return clean_document(extract_html(html), rules=load_rules()).text
