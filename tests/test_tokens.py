from framelab.segment.tokens import Analyzer


def test_tokens_are_lowercased_content_words():
    analyzer = Analyzer({"the", "of"})
    assert analyzer.tokens("The S-400 system of Iraq's army, 2,500 troops.") == [
        "s-400",
        "system",
        "iraq",
        "army",
        "troops",
    ]


def test_ngrams_are_built_from_content_tokens():
    analyzer = Analyzer({"the"}, ngram_max=2)
    assert analyzer("the air defence systems") == [
        "air",
        "defence",
        "systems",
        "air defence",
        "defence systems",
    ]


def test_normalise_runs_before_tokenising():
    analyzer = Analyzer(set(), normalise=lambda t: t.replace("DAESH", "isis"))
    assert analyzer.tokens("DAESH fighters") == ["isis", "fighters"]


def test_typographic_apostrophes_do_not_leave_stray_letters():
    assert Analyzer(set()).tokens("Russia\u2019s influence") == ["russia", "influence"]


def test_stemming_leaves_entity_ids_and_numbers_whole():
    analyzer = Analyzer({"the"}, stem=True)
    assert analyzer.tokens("the negotiations negotiated united_states s-400") == [
        "negoti",
        "negoti",
        "united_states",
        "s-400",
    ]


def test_remembered_tokens_give_the_same_terms_as_fresh_ones(monkeypatch):
    import framelab.segment.tokens

    texts = ["The U.S. troops' withdrawal...", "the troops' 'withdrawal' and The U.S."] * 3
    fresh = [Analyzer({"the", "and"}).tokens(t) for t in texts]
    analyzer = Analyzer({"the", "and"})
    assert [analyzer.tokens(t) for t in texts] == fresh
    monkeypatch.setattr(framelab.segment.tokens, "_CACHE_LIMIT", 1)  # forgets before every text
    assert [analyzer.tokens(t) for t in texts] == fresh
    assert fresh[0] == ["u.s", "troops", "withdrawal"]
