"""The command groups of `heygen`, in the order `heygen --help` lists them.

To add a group, write a module defining a `CommandGroup` (see `_base`) and list it here.
HeyGen's current (v3) groups come first; `photo-avatar` is the v2 training HeyGen retired.
"""

from __future__ import annotations

from ._assets import GROUP as ASSETS
from ._avatars import GROUP as AVATARS
from ._base import CommandGroup
from ._photo_avatar import GROUP as PHOTO_AVATAR
from ._webhooks import GROUP as WEBHOOKS

GROUPS: tuple[CommandGroup, ...] = (AVATARS, ASSETS, WEBHOOKS, PHOTO_AVATAR)
