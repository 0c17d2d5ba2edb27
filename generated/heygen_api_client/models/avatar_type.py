from typing import Literal

AvatarType = Literal["digital_twin", "photo_avatar", "studio_avatar"]

AVATAR_TYPE_VALUES: set[AvatarType] = {
    "digital_twin",
    "photo_avatar",
    "studio_avatar",
}


def check_avatar_type(value: str) -> AvatarType:
    if value in AVATAR_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AVATAR_TYPE_VALUES!r}"
    )
