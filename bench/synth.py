"""Synthetic news corpus with known answers, for benchmarks and recovery tests.

Documents look like copied news pages: ~600 words of Zipfian vocabulary in paragraphs, wrapped in
site chrome, photo credits, untranslated Cyrillic captions, a translator signature and, for some
outlets, a reader-comment section. Each outlet also prints its own furniture that no lexicon
lists (``OUTLET_CHROME``): a widget line whose middle varies from page to page and a sign-up
block, so only templates learned from the corpus (or general line signals) remove them.
Differences between outlets are PLANTED so a test can check that the measures recover them:

- each outlet uses its own distinctive terms (``PLANTED_TERMS``) at an elevated rate, and one
  outlet uses a very common word a little more often than the others (``PLANTED_DECOY``): raw
  count differences rank that word first, the weighted log-odds rank the planted terms above it;
- sentences mentioning the target ``S-400`` carry negative words in one outlet and positive
  words in another (``PLANTED_STANCE``); the third outlet mentions S-400 without stance words
  but, in half of its documents, uses the same negative words about another target, Iran
  (``PLANTED_OTHER_TARGET``), in other sentences;
- one outlet uses inflected conflict-frame vocabulary (``PLANTED_FRAME``), while every outlet
  uses words that contain a frame term inside them (``FRAME_DISTRACTORS``: "software" holds
  "war"), which only a word-boundary match tells apart;
- three quarters of the documents, across all outlets, carry one of three topical vocabularies
  (``PLANTED_TOPICS``; document ``i`` carries topic ``i % 4 - 1``, none when ``i % 4 == 0``).

Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

__all__ = [
    "CHROME_WORDS",
    "FRAME_DISTRACTORS",
    "OUTLETS",
    "OUTLET_CHROME",
    "PLANTED_DECOY",
    "PLANTED_FRAME",
    "PLANTED_OTHER_TARGET",
    "PLANTED_STANCE",
    "PLANTED_TERMS",
    "PLANTED_TOPICS",
    "SynthCorpus",
    "generate",
    "other_target_document",
    "planted_topic",
    "write_config",
    "write_corpus",
]

ROOT = Path(__file__).resolve().parents[1]

OUTLETS = {
    "alpha": {"name": "Alpha Daily", "colour": "#0072B2"},
    "beta": {"name": "Beta News", "colour": "#D55E00"},
    "gamma": {"name": "Gamma Review", "colour": "#009E73"},
}
PLANTED_TERMS = {
    "alpha": ["occupation", "sovereignty", "puppet"],
    "beta": ["partnership", "stability", "investment"],
    "gamma": ["militants", "insurgency", "checkpoint"],
}
# a frequent word every outlet uses, one outlet a little more (per sentence): its raw count
# difference exceeds a planted term's, its log-odds do not
PLANTED_DECOY = {"outlet": "alpha", "term": "weather", "rate": 0.6, "rate_others": 0.45}
PLANTED_STANCE = {
    "alpha": ["dangerous", "threat", "fails"],
    "beta": ["excellent", "reliable", "success"],
    "gamma": [],
}
# the negative words of PLANTED_STANCE["alpha"], about another target, in half of one outlet's
# documents (never in a sentence that mentions S-400)
PLANTED_OTHER_TARGET = {
    "outlet": "gamma",
    "target": "iran_influence",
    "mention": "Iran",
    "words": PLANTED_STANCE["alpha"],
}
# inflected forms that only the lexicon's wildcards match (clash*, tension*, accus*, ...)
PLANTED_FRAME = {
    "outlet": "gamma",
    "frame": "conflict",
    "terms": ["clashes", "tensions", "accused", "confrontation", "disputes", "hostilities"],
}
FRAME_DISTRACTORS = ["software", "hardware", "forwarding", "extension", "stewardship"]
PLANTED_TOPICS = {
    "astronomy": "telescope nebula orbit comet galaxy asteroid observatory planet lunar eclipse",
    "cuisine": "saffron noodle dumpling oregano skillet pastry broth garlic simmer ginger",
    "sailing": "regatta hull mast keel rudder harbour yacht sail tide mooring",
}
PLANTED_TOPICS = {name: words.split() for name, words in PLANTED_TOPICS.items()}
FUNCTION_WORDS = (
    "the of and to in a is that for on with as was by at from it be this are has an which "
    "or its were been their they will not but more after about than also would who".split()
)
# each outlet's furniture, worded unlike any entry of data/lexicons/boilerplate.yaml: a widget
# line around a middle that varies (``{}``) and a sign-up block printed the same on every page
OUTLET_CHROME = {
    "alpha": {
        "widget": "Our editors recommend {} (tap to open)",
        "signup": [
            "The Morning Dispatch",
            "Five stories worth your coffee, in your mailbox before breakfast. Drop your "
            "address below.",
            "Count me in",
        ],
    },
    "beta": {
        "widget": "Trending on Beta News | {} | swipe for more",
        "signup": [
            "Stay in the loop",
            "Our weekly digest lands every Friday; enter an address and we do the rest.",
            "Join free",
        ],
    },
    "gamma": {
        "widget": "Keep exploring {} - stories picked for readers like you",
        "signup": [
            "Never miss a long read",
            "Readers who register get early access to our long reads and a monthly letter "
            "from the desk.",
            "Register today",
        ],
    },
}
# the words of that furniture, none of which an article sentence uses
CHROME_WORDS = sorted(
    {
        word.strip(".,;|()-").lower()
        for chrome in OUTLET_CHROME.values()
        for line in [chrome["widget"].replace("{}", ""), *chrome["signup"]]
        for word in line.split()
    }
    - {"", "our", "the", "in", "on", "for", "to", "and", "we", "an", "your", "of", "a", "do"}
    - {"beta", "news"}  # an outlet's name may be printed anywhere
    - set(FUNCTION_WORDS)
)
# the synthetic pages carry the seed outlets' furniture: the general and the seed lexicon
RULES = (
    ROOT / "data" / "lexicons" / "boilerplate.yaml",
    ROOT / "data" / "seed-corpus" / "boilerplate.yaml",
)
CHROME_HEAD = ["Skip to main content", "Advertisement", "Live broadcast", "Menu", "Subscribe"]
CAPTIONS = ["Photo: Reuters/Staff", "© AFP / Photographer", "Photo: Global Look Press/Agency"]
CYRILLIC = ["Фото", "Сирия", "Солдаты"]
SIGNATURE = "Переведено сервисом «Яндекс Переводчик»"
COMMENTS = ["3 comments", "Dear reader, to leave comments on the publication, you must sign in."]
_SYLLABLES = "ka lo mi ren tu sa vor pel di na ro shi gan te bu lim zor fe quo nix dal ber cho wen"


@dataclass(frozen=True)
class SynthCorpus:
    """Documents (``doc_id, outlet, date, text``) and what was planted."""

    docs: list[dict[str, str]]
    n_bytes: int


def planted_topic(doc_index: int) -> str | None:
    """The topical vocabulary (a key of :data:`PLANTED_TOPICS`) of document ``doc_index``."""
    slot = doc_index % (len(PLANTED_TOPICS) + 1)
    return list(PLANTED_TOPICS)[slot - 1] if slot else None


def other_target_document(doc_index: int) -> bool:
    """Whether document ``doc_index`` carries the stance words about the other target: half
    of the documents of :data:`PLANTED_OTHER_TARGET`'s outlet, in alternate blocks of
    ``len(OUTLETS) * (len(PLANTED_TOPICS) + 1)`` documents, so that both halves hold every
    planted topic equally (the stance model scores topical words too)."""
    outlet = list(OUTLETS)[doc_index % len(OUTLETS)]
    block = len(OUTLETS) * (len(PLANTED_TOPICS) + 1)
    return outlet == PLANTED_OTHER_TARGET["outlet"] and (doc_index // block) % 2 == 1


def _vocabulary(size: int, rng: np.random.Generator) -> list[str]:
    syllables = _SYLLABLES.split()
    words: set[str] = set()
    while len(words) < size:
        n = int(rng.integers(2, 5))
        words.add("".join(rng.choice(syllables, size=n)))
    return [str(w) for w in rng.permutation(sorted(words))]  # rank order is random


def _sentence(rng, vocab, weights, extra: list[str], n_words: int) -> str:
    content = rng.choice(len(vocab), size=n_words, p=weights)
    words = []
    for index in content:
        if rng.random() < 0.45:
            words.append(FUNCTION_WORDS[int(rng.integers(len(FUNCTION_WORDS)))])
        words.append(vocab[index])
    for word in extra:
        words.insert(int(rng.integers(0, len(words) + 1)), word)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _extras(outlet: str, rng, *, topic: str | None, other_target: bool) -> list[str]:
    """The planted words of one sentence."""
    extra = []
    if rng.random() < 0.25:
        extra.append(str(rng.choice(PLANTED_TERMS[outlet])))
    if outlet == PLANTED_FRAME["outlet"] and rng.random() < 0.3:
        extra.append(str(rng.choice(PLANTED_FRAME["terms"])))
    if rng.random() < 0.1:
        extra.append(str(rng.choice(FRAME_DISTRACTORS)))
    decoy_rate = PLANTED_DECOY["rate" if outlet == PLANTED_DECOY["outlet"] else "rate_others"]
    if rng.random() < decoy_rate:
        extra.append(PLANTED_DECOY["term"])
    if topic is not None and rng.random() < 0.6:
        extra += [str(w) for w in rng.choice(PLANTED_TOPICS[topic], size=2, replace=False)]
    draw = rng.random()
    if draw < 0.1:
        extra.append("S-400")
        if PLANTED_STANCE[outlet]:
            extra.append(str(rng.choice(PLANTED_STANCE[outlet])))
    elif draw < 0.25 and other_target:
        extra.append(PLANTED_OTHER_TARGET["mention"])
        extra += [str(w) for w in rng.choice(PLANTED_OTHER_TARGET["words"], size=2)]
    return extra


def _document(outlet: str, rng, vocab, weights, *, topic: str | None, other_target: bool) -> str:
    paragraphs = []
    for _ in range(int(rng.integers(5, 9))):
        sentences = []
        for _ in range(int(rng.integers(4, 7))):
            extra = _extras(outlet, rng, topic=topic, other_target=other_target)
            sentences.append(_sentence(rng, vocab, weights, extra, int(rng.integers(8, 16))))
        paragraphs.append(" ".join(sentences))
    head = list(rng.choice(CHROME_HEAD, size=3, replace=False))
    chrome = OUTLET_CHROME[outlet]
    middle = " ".join(rng.choice(vocab[:2000], size=int(rng.integers(3, 7))))
    widget = chrome["widget"].format(middle[0].upper() + middle[1:])
    body: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        body.append(paragraph)
        if i == 1:
            body += [str(rng.choice(CYRILLIC)), str(rng.choice(CAPTIONS))]
        if i == 2:
            body.append(widget)
    lines = [*head, "", *"\n\n".join(body).split("\n"), "", *chrome["signup"], "", SIGNATURE]
    if outlet == "gamma":
        lines += COMMENTS + ["  1. user42", "    +2", "    26 July 2021 06: 28", "    Nice."]
    return "\n".join(lines) + "\n"


def generate(n_docs: int, *, seed: int = 7, vocab_size: int = 5000) -> SynthCorpus:
    """Generate ``n_docs`` documents spread evenly over :data:`OUTLETS`."""
    rng = np.random.default_rng(seed)
    vocab = _vocabulary(vocab_size, rng)
    ranks = np.arange(1, vocab_size + 1)
    weights = 1.0 / ranks**1.07
    weights /= weights.sum()
    outlets = list(OUTLETS)
    docs = []
    for i in range(n_docs):
        outlet = outlets[i % len(outlets)]
        month = 1 + i % 12
        text = _document(
            outlet,
            rng,
            vocab,
            weights,
            topic=planted_topic(i),
            other_target=other_target_document(i),
        )
        docs.append(
            {"doc_id": f"syn{i:07d}", "outlet": outlet, "date": f"2021-{month:02d}", "text": text}
        )
    return SynthCorpus(docs=docs, n_bytes=sum(len(d["text"].encode()) for d in docs))


def write_corpus(corpus: SynthCorpus, folder: Path, *, shard_size: int = 500) -> Path:
    """Write the corpus as ``data/raw`` + ``data/metadata.csv`` + ``config.yaml``; return it."""
    raw = folder / "data" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    with open(folder / "data" / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["doc_id", "path", "outlet", "date", "date_precision", "language", "translation"]
        )
        for doc in corpus.docs:
            (raw / f"{doc['doc_id']}.txt").write_text(doc["text"], encoding="utf-8")
            writer.writerow(
                [
                    doc["doc_id"],
                    f"raw/{doc['doc_id']}.txt",
                    doc["outlet"],
                    doc["date"],
                    "month",
                    "en",
                    "machine:synthetic",
                ]
            )
    return write_config(folder, len(corpus.docs), shard_size=shard_size)


SEED_TARGETS = [
    "us_military_presence",
    "russian_arms_offers",
    "russia_role",
    "iran_influence",
    "isis_threat",
]


def write_config(folder: Path, n_docs: int, *, shard_size: int) -> Path:
    """Write ``config.yaml`` for the corpus of ``n_docs`` documents in ``folder``; return it."""
    raw = folder / "data" / "raw"
    lexicons = ROOT / "data" / "lexicons"
    config = {
        "study": f"synthetic-{n_docs}",
        "outlets": OUTLETS,
        "corpus": {
            "metadata": str(folder / "data" / "metadata.csv"),
            "raw_dir": str(raw),
            "shard_size": shard_size,
        },
        "clean": {
            "rules": [str(path) for path in RULES],
            "entities": str(lexicons / "entities.yaml"),
        },
        "segment": {"abbreviations": str(lexicons / "abbreviations-en.txt")},
        "targets": {  # the seed study's targets: the planted stance is toward S-400s
            "lexicon": str(ROOT / "data" / "seed-corpus" / "targets.yaml"),
            "use": SEED_TARGETS,
        },
        "stance": {
            "training": str(ROOT / "data" / "stance" / "newsmtsc-train.jsonl"),
            "cues": str(lexicons / "stance-cues.yaml"),
        },
        "frames": {"lexicon": str(lexicons / "frames.yaml")},
        "sources": {"lexicon": str(lexicons / "sources.yaml")},
        "terms": {
            "stopwords": str(lexicons / "stopwords-en.txt"),
            "min_count": 5,
            # the pairwise figure's pair, set as the workflow's default would set it (the
            # baselines call the figure jobs without the workflow)
            "compare": list(OUTLETS)[:2],
        },
        # three planted topics and topic-free documents: a grid around that structure (the
        # grid a real corpus of 10,000 documents gets, 10-40, must split each planted topic)
        "topics": {"k": 6, "k_grid": [3, 4, 5, 6, 8]},
        "stats": {"n_boot": 1000},
    }
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_docs", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shard-size", type=int, default=500)
    args = parser.parse_args()
    corpus = generate(args.n_docs, seed=args.seed)
    print(write_corpus(corpus, args.folder, shard_size=args.shard_size))


if __name__ == "__main__":
    main()
