"""Text cleaning: remove page furniture line by line, repair inline damage, audit every change.

The pipeline's ``clean`` stage calls :func:`clean_document` per document, with the template
lines :func:`find_templates` found for the document's outlet. HTML input goes through
:func:`extract_html` first. :func:`normalise_entities` maps spelling variants of entities to one
canonical token; :func:`replace_mentions` does so from mentions found earlier.
"""

from framelab.clean.document import CleanedDocument, RemovedLine, Repair, clean_document
from framelab.clean.entities import (
    EntityLexicon,
    EntityMention,
    load_entities,
    normalise_entities,
    replace_mentions,
)
from framelab.clean.html import extract_html
from framelab.clean.reasons import REASONS
from framelab.clean.rules import DEFAULT_RULES_PATH, CleanRules, load_rules
from framelab.clean.templates import find_templates

__all__ = [
    "DEFAULT_RULES_PATH",
    "REASONS",
    "CleanRules",
    "CleanedDocument",
    "EntityLexicon",
    "EntityMention",
    "RemovedLine",
    "Repair",
    "clean_document",
    "extract_html",
    "find_templates",
    "load_entities",
    "load_rules",
    "normalise_entities",
    "replace_mentions",
]
