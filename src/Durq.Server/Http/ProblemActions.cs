using Durq.Contracts;
using static Durq.Core.Errors.ProblemCodes;

namespace Durq.Server.Http;

/// <summary>
/// What a caller can do next after each problem code (API.md, <c>allowed_actions</c>): every problem document carries
/// one action, this default unless its builder knows a more precise one (a field's hint, a task's address, a wait).
/// </summary>
internal static class ProblemActions
{
    public const string RetryRel = "retry";
    public const string RetryLaterRel = "retry-later";
    public const string GetExistingRel = "get-existing";

    /// <summary>The default action for <paramref name="code"/>; every code of <see cref="Core.Errors.ProblemCodes"/> has one.</summary>
    public static AllowedAction Default(string code) => code switch
    {
        InvalidJson => Retry("Send a well-formed JSON body in UTF-8."),
        InvalidId => Retry("Send the id as the API returned it, a UUID such as 0193b5a0-0000-7000-8000-000000000001."),
        InvalidQuery => Retry("Fix the query parameter the detail names."),
        RequestTimeout => Retry("Send the whole request without pausing."),
        BadRequest => Retry("Send a well-formed HTTP/1.1 request; the detail names what was wrong."),
        UriTooLong => Retry("Send a shorter URL: long values belong in a JSON body."),
        RequestHeadersTooLarge => Retry("Send fewer or smaller headers."),
        HttpVersionNotSupported => Retry("Send the request over HTTP/1.1."),
        ValidationFailed => Retry("Fix the fields that 'errors' lists and send the request again."),
        UnsupportedMediaType => Retry("Send the header 'Content-Type: application/json'."),
        PayloadTooLarge => Retry("Send a smaller body: split a batch, or store large inputs elsewhere and send a reference."),
        NotFound => Retry("Check the address: the API lives under /api/v1/durable, described by /openapi/v1.json."),
        MethodNotAllowed => Retry("Use a method that the Allow header lists."),
        Unauthorized => Retry("Send 'Authorization: Bearer <key>' with a valid key; 'durq keys create' makes one."),
        Forbidden => Retry("Use a key with the scope the detail names (or 'admin')."),
        NotCancellable => GetExisting("Read the task to see how it ended; there is nothing left to cancel."),
        TaskClaimed => GetExisting("Cancel the task, then delete it once its worker has stopped; read it to see where it is."),
        NotDead => GetExisting("Read the task: only a dead task can be retried from the dead-letter queue."),
        LeaseLost => GetExisting("Stop working on the task and drop its result; read the task to see where it is now."),
        ScheduleExists => GetExisting("Read the schedule that has this name (PATCH it to change it), or choose another name."),
        IdempotencyKeyReused => GetExisting("Read the task the key created, or send this request with a new Idempotency-Key."),
        QueueFull or WorkerLimitReached or RateLimited or Unavailable => RetryLater("Retry later."),
        StorageReadOnly or StorageFull or StorageCorrupt => RetryLater("Retry once an operator has mended the storage."),
        InternalError => RetryLater("Retry later; if it fails again, give the operator the request's trace_id."),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "A problem code without an allowed action."),
    };

    public static AllowedAction Retry(string hint) => new() { Rel = RetryRel, Hint = hint };

    public static AllowedAction RetryLater(string hint) => new() { Rel = RetryLaterRel, Hint = hint };

    /// <summary>Read the resource the problem is about, at <paramref name="href"/> when the builder knows it.</summary>
    public static AllowedAction GetExisting(string hint, string? href = null) =>
        new() { Rel = GetExistingRel, Method = href is null ? null : "GET", Href = href, Hint = hint };
}
