"""The `heygen` command: work with HeyGen from a shell.

Results go to stdout (`--json` for machines); progress and errors go to stderr, errors as one
line saying what to do. Exit codes are documented in `EXIT_CODES` and `heygen --help`.
Only loaded when the command runs, so `import heygen` never pays for argparse.

Layout: `_base` (how a command group declares its commands and nested groups, the `Context` a
command runs with, the shared options), `_errors` (exit codes and the one error-to-message
mapping, v2, v3 and webhook errors alike), `_output` (progress lines while waiting), `_groups`
(the registry of command groups), one module per group: `_avatars` (v3 avatars and their
looks), `_assets` (v3 uploads), `_webhooks` (endpoints, and `listen` with its receiver in
`_webhook_listener`), `_photo_avatar` (v2 training); and `_main` (the parser, and `main`, which
also shows HeyGen's deprecation of a v2 route once, naming the v3 command).
"""

from ._errors import EXIT_CODES
from ._main import main

__all__ = ["EXIT_CODES", "main"]
