"""Contains all the data models used in inputs/outputs"""

from .api_error_detail import ApiErrorDetail
from .api_error_envelope import ApiErrorEnvelope
from .asset import Asset
from .asset_base_64 import AssetBase64
from .asset_base_64_type import AssetBase64Type
from .asset_id import AssetId
from .asset_id_type import AssetIdType
from .asset_url import AssetUrl
from .asset_url_type import AssetUrlType
from .avatar_consent import AvatarConsent
from .avatar_error import AvatarError
from .avatar_group import AvatarGroup
from .avatar_group_page import AvatarGroupPage
from .avatar_group_response import AvatarGroupResponse
from .avatar_look import AvatarLook
from .avatar_look_page import AvatarLookPage
from .avatar_look_response import AvatarLookResponse
from .avatar_status import AvatarStatus
from .avatar_type import AvatarType
from .create_avatar_consent_request import CreateAvatarConsentRequest
from .create_avatar_consent_response import CreateAvatarConsentResponse
from .create_avatar_response import CreateAvatarResponse
from .create_photo_avatar_request import CreatePhotoAvatarRequest
from .create_photo_avatar_request_type import CreatePhotoAvatarRequestType
from .create_prompt_avatar_request import CreatePromptAvatarRequest
from .create_prompt_avatar_request_type import CreatePromptAvatarRequestType
from .create_webhook_endpoint_request import CreateWebhookEndpointRequest
from .created_avatar import CreatedAvatar
from .delete_avatar_group_response import DeleteAvatarGroupResponse
from .delete_avatar_look_response import DeleteAvatarLookResponse
from .delete_webhook_endpoint_response import DeleteWebhookEndpointResponse
from .delete_webhook_endpoint_response_data import DeleteWebhookEndpointResponseData
from .delete_webhook_endpoint_response_error_type_0 import (
    DeleteWebhookEndpointResponseErrorType0,
)
from .deleted_avatar_group import DeletedAvatarGroup
from .deleted_avatar_look import DeletedAvatarLook
from .get_asset_response import GetAssetResponse
from .preferred_orientation import PreferredOrientation
from .rotate_webhook_secret_response import RotateWebhookSecretResponse
from .rotated_webhook_secret import RotatedWebhookSecret
from .train_photo_avatar_group_body import TrainPhotoAvatarGroupBody
from .train_photo_avatar_group_job import TrainPhotoAvatarGroupJob
from .train_photo_avatar_group_response_200 import TrainPhotoAvatarGroupResponse200
from .train_photo_avatar_group_result import TrainPhotoAvatarGroupResult
from .training_status_data import TrainingStatusData
from .training_status_response import TrainingStatusResponse
from .update_avatar_look_request import UpdateAvatarLookRequest
from .update_webhook_endpoint_request import UpdateWebhookEndpointRequest
from .upload_asset_body import UploadAssetBody
from .upload_asset_response import UploadAssetResponse
from .uploaded_asset import UploadedAsset
from .v3_error_detail import V3ErrorDetail
from .v3_error_envelope import V3ErrorEnvelope
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_page import WebhookEndpointPage
from .webhook_endpoint_response import WebhookEndpointResponse
from .webhook_event import WebhookEvent
from .webhook_event_event_data import WebhookEventEventData
from .webhook_event_name import WebhookEventName
from .webhook_event_page import WebhookEventPage
from .webhook_event_type import WebhookEventType
from .webhook_event_type_list import WebhookEventTypeList

__all__ = (
    "ApiErrorDetail",
    "ApiErrorEnvelope",
    "Asset",
    "AssetBase64",
    "AssetBase64Type",
    "AssetId",
    "AssetIdType",
    "AssetUrl",
    "AssetUrlType",
    "AvatarConsent",
    "AvatarError",
    "AvatarGroup",
    "AvatarGroupPage",
    "AvatarGroupResponse",
    "AvatarLook",
    "AvatarLookPage",
    "AvatarLookResponse",
    "AvatarStatus",
    "AvatarType",
    "CreateAvatarConsentRequest",
    "CreateAvatarConsentResponse",
    "CreateAvatarResponse",
    "CreatePhotoAvatarRequest",
    "CreatePhotoAvatarRequestType",
    "CreatePromptAvatarRequest",
    "CreatePromptAvatarRequestType",
    "CreateWebhookEndpointRequest",
    "CreatedAvatar",
    "DeleteAvatarGroupResponse",
    "DeleteAvatarLookResponse",
    "DeleteWebhookEndpointResponse",
    "DeleteWebhookEndpointResponseData",
    "DeleteWebhookEndpointResponseErrorType0",
    "DeletedAvatarGroup",
    "DeletedAvatarLook",
    "GetAssetResponse",
    "PreferredOrientation",
    "RotateWebhookSecretResponse",
    "RotatedWebhookSecret",
    "TrainPhotoAvatarGroupBody",
    "TrainPhotoAvatarGroupJob",
    "TrainPhotoAvatarGroupResponse200",
    "TrainPhotoAvatarGroupResult",
    "TrainingStatusData",
    "TrainingStatusResponse",
    "UpdateAvatarLookRequest",
    "UpdateWebhookEndpointRequest",
    "UploadAssetBody",
    "UploadAssetResponse",
    "UploadedAsset",
    "V3ErrorDetail",
    "V3ErrorEnvelope",
    "WebhookEndpoint",
    "WebhookEndpointPage",
    "WebhookEndpointResponse",
    "WebhookEvent",
    "WebhookEventEventData",
    "WebhookEventName",
    "WebhookEventPage",
    "WebhookEventType",
    "WebhookEventTypeList",
)
