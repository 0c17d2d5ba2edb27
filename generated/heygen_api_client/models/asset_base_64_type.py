from typing import Literal

AssetBase64Type = Literal["base64"]

ASSET_BASE_64_TYPE_VALUES: set[AssetBase64Type] = {
    "base64",
}


def check_asset_base_64_type(value: str) -> AssetBase64Type:
    if value in ASSET_BASE_64_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ASSET_BASE_64_TYPE_VALUES!r}"
    )
