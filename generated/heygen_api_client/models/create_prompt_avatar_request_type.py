from typing import Literal

CreatePromptAvatarRequestType = Literal["prompt"]

CREATE_PROMPT_AVATAR_REQUEST_TYPE_VALUES: set[CreatePromptAvatarRequestType] = {
    "prompt",
}


def check_create_prompt_avatar_request_type(
    value: str,
) -> CreatePromptAvatarRequestType:
    if value in CREATE_PROMPT_AVATAR_REQUEST_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_PROMPT_AVATAR_REQUEST_TYPE_VALUES!r}"
    )
