from typing import Literal

WebhookEventName = Literal[
    "ai_clipping.fail",
    "ai_clipping.success",
    "avatar_video.fail",
    "avatar_video.success",
    "avatar_video_caption.fail",
    "avatar_video_caption.success",
    "avatar_video_gif.fail",
    "avatar_video_gif.success",
    "batch.finished",
    "hyperframes_video.fail",
    "hyperframes_video.success",
    "instant_avatar.fail",
    "instant_avatar.success",
    "live_avatar.fail",
    "live_avatar.success",
    "personalized_video",
    "photo_avatar_add_motion.fail",
    "photo_avatar_add_motion.success",
    "photo_avatar_generation.fail",
    "photo_avatar_generation.success",
    "photo_avatar_train.fail",
    "photo_avatar_train.success",
    "proofread_creation.fail",
    "proofread_creation.success",
    "video_agent.fail",
    "video_agent.success",
    "video_translate.fail",
    "video_translate.preflight.download_failed",
    "video_translate.preflight.validation_failed",
    "video_translate.success",
]

WEBHOOK_EVENT_NAME_VALUES: set[WebhookEventName] = {
    "ai_clipping.fail",
    "ai_clipping.success",
    "avatar_video.fail",
    "avatar_video.success",
    "avatar_video_caption.fail",
    "avatar_video_caption.success",
    "avatar_video_gif.fail",
    "avatar_video_gif.success",
    "batch.finished",
    "hyperframes_video.fail",
    "hyperframes_video.success",
    "instant_avatar.fail",
    "instant_avatar.success",
    "live_avatar.fail",
    "live_avatar.success",
    "personalized_video",
    "photo_avatar_add_motion.fail",
    "photo_avatar_add_motion.success",
    "photo_avatar_generation.fail",
    "photo_avatar_generation.success",
    "photo_avatar_train.fail",
    "photo_avatar_train.success",
    "proofread_creation.fail",
    "proofread_creation.success",
    "video_agent.fail",
    "video_agent.success",
    "video_translate.fail",
    "video_translate.preflight.download_failed",
    "video_translate.preflight.validation_failed",
    "video_translate.success",
}


def check_webhook_event_name(value: str) -> WebhookEventName:
    if value in WEBHOOK_EVENT_NAME_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_NAME_VALUES!r}"
    )
