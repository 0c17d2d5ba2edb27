from typing import Literal

CreatePhotoAvatarRequestType = Literal["photo"]

CREATE_PHOTO_AVATAR_REQUEST_TYPE_VALUES: set[CreatePhotoAvatarRequestType] = {
    "photo",
}


def check_create_photo_avatar_request_type(value: str) -> CreatePhotoAvatarRequestType:
    if value in CREATE_PHOTO_AVATAR_REQUEST_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_PHOTO_AVATAR_REQUEST_TYPE_VALUES!r}"
    )
