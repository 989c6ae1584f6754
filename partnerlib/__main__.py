"""`python -m partnerlib`: the command line."""

import sys

from partnerlib.cli import main

sys.exit(main())
