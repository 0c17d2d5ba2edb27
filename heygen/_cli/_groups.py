"""The command groups of `heygen`, in the order `heygen --help` lists them.

To add a group, write a module defining a `CommandGroup` (see `_base`) and list it here.
"""

from __future__ import annotations

from ._base import CommandGroup
from ._photo_avatar import GROUP as PHOTO_AVATAR

GROUPS: tuple[CommandGroup, ...] = (PHOTO_AVATAR,)
