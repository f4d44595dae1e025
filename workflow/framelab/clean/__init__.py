"""The ``clean`` stage: remove page furniture line by line, repair inline damage, audit every
change. :func:`clean_document` cleans one document with its outlet's :func:`learn_templates`;
:func:`normalise_entities` maps spelling variants of an entity to one canonical token.
"""

from framelab import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "audit": ["render_audit"],
        "document": ["CleanedDocument", "RemovedLine", "Repair", "clean_document"],
        "entities": [
            "ENTITY_MENTION_COLUMNS",
            "EntityLexicon",
            "EntityMention",
            "load_entities",
            "normalise_entities",
            "replace_mentions",
            "replace_stored_mentions",
        ],
        "html": ["article_text", "extract_html"],
        "reasons": ["REASONS"],
        "rules": ["DEFAULT_RULES_PATH", "CleanRules", "load_rules"],
        "templates": ["OutletTemplates", "Template", "learn_templates"],
    },
)
