"""`python -m heygen`: the command-line interface."""

from ._cli import main

raise SystemExit(main())
