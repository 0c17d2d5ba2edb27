from typing import Literal

AssetUrlType = Literal["url"]

ASSET_URL_TYPE_VALUES: set[AssetUrlType] = {
    "url",
}


def check_asset_url_type(value: str) -> AssetUrlType:
    if value in ASSET_URL_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ASSET_URL_TYPE_VALUES!r}"
    )
