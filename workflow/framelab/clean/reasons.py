"""The closed set of reasons a line can be removed for, each with a one-line description."""

__all__ = ["REASONS"]

REASONS: dict[str, str] = {
    "site_chrome": "navigation, widget or interface text of the website, not the article",
    "repeated_template": "a line that recurs across documents of the same outlet",
    "credit_or_caption": "photo or video credit, or a caption line",
    "untranslated_fragment": "a line in a script other than the document's language",
    "translator_signature": "the signature of a (machine) translation service",
    "comments_section": "reader comments: from a comment-widget boundary to the end",
    "download_prompt": "a prompt to download, subscribe, share or follow",
    "counter_or_number": "a line of only numbers, counters, dates or symbols",
    "byline_or_dateline": "author byline, dateline or author signature",
    "legal_disclaimer": "a legally mandated disclaimer or footnote on banned organisations",
    "social_embed": "an embedded social-media post (tweet text with its handle and date)",
    "related_links": "a link to another story (read more, see also, related headlines)",
    "transcript_cue": "a speaker label alone on its line, or a sound cue, in a transcript",
    "pull_quote": "a sentence of the article repeated on its own line as a display quote",
    "headline": "the document's title (or a line repeating it) at the top of the text",
    "short_fragment": "a short line outside the article body (title, label, menu entry)",
    "low_content_score": "a line whose content score is below the keep threshold",
}
