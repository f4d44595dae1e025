"""Record the digests of the seed study's results, which the end-to-end test compares each run
with: `make seed-digests` after a change that is meant to change the seed study's outputs (and
say so in CHANGELOG.md)."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import SEED_DIGESTS, digests  # noqa: E402

if __name__ == "__main__":
    results = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "results" / "seed-corpus"
    recorded = digests(results)
    SEED_DIGESTS.write_text(json.dumps(recorded, indent=1) + "\n", encoding="utf-8")
    print(f"recorded {len(recorded)} digests of {results} in {SEED_DIGESTS.relative_to(ROOT)}")
