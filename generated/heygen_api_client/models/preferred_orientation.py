from typing import Literal

PreferredOrientation = Literal["landscape", "portrait", "square"]

PREFERRED_ORIENTATION_VALUES: set[PreferredOrientation] = {
    "landscape",
    "portrait",
    "square",
}


def check_preferred_orientation(value: str) -> PreferredOrientation:
    if value in PREFERRED_ORIENTATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PREFERRED_ORIENTATION_VALUES!r}"
    )
