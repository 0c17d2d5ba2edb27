"""Contains all the data models used in inputs/outputs"""

from .api_error_detail import ApiErrorDetail
from .api_error_envelope import ApiErrorEnvelope
from .legacy_warning import LegacyWarning
from .train_photo_avatar_group_body import TrainPhotoAvatarGroupBody
from .train_photo_avatar_group_job import TrainPhotoAvatarGroupJob
from .train_photo_avatar_group_response_200 import TrainPhotoAvatarGroupResponse200
from .train_photo_avatar_group_result import TrainPhotoAvatarGroupResult
from .training_status_data import TrainingStatusData
from .training_status_response import TrainingStatusResponse

__all__ = (
    "ApiErrorDetail",
    "ApiErrorEnvelope",
    "LegacyWarning",
    "TrainPhotoAvatarGroupBody",
    "TrainPhotoAvatarGroupJob",
    "TrainPhotoAvatarGroupResponse200",
    "TrainPhotoAvatarGroupResult",
    "TrainingStatusData",
    "TrainingStatusResponse",
)
