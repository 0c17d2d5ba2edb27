"""The `heygen` command: work with HeyGen from a shell.

Results go to stdout (`--json` for machines); progress and errors go to stderr, errors as one
line saying what to do. Exit codes are documented in `EXIT_CODES` and `heygen --help`.
Only loaded when the command runs, so `import heygen` never pays for argparse.

Layout: `_base` (how a command group declares its commands, and the `Context` a command runs
with), `_errors` (exit codes and the one error-to-message mapping), `_groups` (the registry of
command groups), one module per group (`_photo_avatar`), and `_main` (parser and `main`).
"""

from ._errors import EXIT_CODES
from ._main import main

__all__ = ["EXIT_CODES", "main"]
