namespace Durq.Core.Errors;

/// <summary>The stable, machine-readable codes of every problem document Durq answers with (API.md, "Errors").</summary>
internal static class ProblemCodes
{
    public const string InvalidJson = "invalid_json";
    public const string InvalidId = "invalid_id";
    public const string InvalidQuery = "invalid_query";
    public const string RequestTimeout = "request_timeout";
    public const string BadRequest = "bad_request";
    public const string UriTooLong = "uri_too_long";
    public const string RequestHeadersTooLarge = "request_headers_too_large";
    public const string HttpVersionNotSupported = "http_version_not_supported";
    public const string ValidationFailed = "validation_failed";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotCancellable = "not_cancellable";
    public const string NotDead = "not_dead";
    public const string TaskClaimed = "task_claimed";
    public const string ScheduleExists = "schedule_exists";
    public const string LeaseLost = "lease_lost";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string QueueFull = "queue_full";
    public const string WorkerLimitReached = "worker_limit_reached";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
    public const string StorageReadOnly = "storage_read_only";
    public const string StorageFull = "storage_full";
    public const string StorageCorrupt = "storage_corrupt";
    public const string InternalError = "internal_error";
}
