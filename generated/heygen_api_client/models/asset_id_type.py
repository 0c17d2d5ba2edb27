from typing import Literal

AssetIdType = Literal["asset_id"]

ASSET_ID_TYPE_VALUES: set[AssetIdType] = {
    "asset_id",
}


def check_asset_id_type(value: str) -> AssetIdType:
    if value in ASSET_ID_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ASSET_ID_TYPE_VALUES!r}"
    )
