"""``python -m framelab.clean``: clean stdin or a file to stdout (see :mod:`framelab.clean.cli`)."""

import sys

from framelab.clean.cli import main

sys.exit(main())
