using System.Text.Json;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Validation;
using Durq.Server.Hosting;
using Durq.Server.Observability;
using Durq.Server.Queueing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Durq.Server.Apis;

/// <summary>What single and batch enqueue share: limits, the clock and the <c>Idempotency-Key</c> header.</summary>
internal sealed class TaskEnqueuer(QueueService queue, IOptions<LimitsOptions> limits, DurqTracing tracing)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;

    public EnqueueLimits Limits { get; } = new(limits.Value.MaxInputBytes);

    public int MaxRequestBytes => limits.Value.MaxRequestBytes;

    /// <summary>The enqueue's producer span, whose context the tasks keep.</summary>
    public DurqTracing Tracing => tracing;

    /// <summary>The clock's time at the precision the store keeps.</summary>
    public DateTimeOffset Now => queue.Now;

    /// <param name="now">The time the tasks were validated against, so <c>created_at</c> and <c>visible_at</c> agree.</param>
    public async Task<EnqueueResult> EnqueueAsync(HttpContext context, IReadOnlyList<NewTask> tasks, JsonElement body, DateTimeOffset now)
    {
        var key = ReadIdempotencyKey(context, body);
        var result = await queue.EnqueueAsync(tasks, key, now, context.RequestAborted);
        if (result.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return result;
    }

    private static IdempotencyKey? ReadIdempotencyKey(HttpContext context, JsonElement body)
    {
        if (!context.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return null;
        }

        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxIdempotencyKeyLength } key || !TextRules.IsIdentifier(key))
        {
            throw new ValidationException(
            [
                new ValidationError(IdempotencyKeyHeader, $"must be sent once, 1 to {MaxIdempotencyKeyLength} characters long, without control characters",
                    $"Send one '{IdempotencyKeyHeader}' header of 1 to {MaxIdempotencyKeyLength} characters, e.g. a UUID."),
            ]);
        }

        return new IdempotencyKey(key, RequestFingerprint.Compute(body));
    }
}
