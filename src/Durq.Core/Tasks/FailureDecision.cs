namespace Durq.Core.Tasks;

/// <summary>
/// What becomes of a claimed task whose attempt failed (reported by its worker, or its lease expired, or it ran past
/// its timeout): back to <c>pending</c> after a backoff while attempts are left, else <c>dead</c>. A task whose
/// cancellation was requested ends <c>cancelled</c> instead, and an error the caller marks non-retryable (or whose
/// type the task lists in <c>non_retryable_error_types</c>) goes straight to <c>dead</c>.
/// </summary>
internal sealed record FailureDecision(DurqTaskStatus Status, DateTimeOffset? NextVisibleAt)
{
    public bool WillRetry => Status == DurqTaskStatus.Pending;

    /// <summary>The failed task's activity type, as the store that recorded the attempt read it (for metrics); null from <see cref="For"/>.</summary>
    public string? ActivityType { get; init; }

    /// <summary>When the failed attempt was claimed, as the store read it (for the run-time histogram); null from <see cref="For"/>.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <param name="attempt">The attempt that failed (the task's <c>attempt</c> while claimed).</param>
    /// <param name="retryable">False when the worker said the error cannot be cured by retrying.</param>
    /// <param name="jitterDraw">A draw from [0, 1) for the retry jitter.</param>
    public static FailureDecision For(
        int attempt, int maxAttempts, RetryPolicy retry, bool cancelRequested, TaskError error, bool retryable,
        DateTimeOffset now, double jitterDraw)
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(error);
        if (cancelRequested)
        {
            return new FailureDecision(DurqTaskStatus.Cancelled, null);
        }

        if (!retryable || retry.IsNonRetryable(error.Type) || attempt >= maxAttempts)
        {
            return new FailureDecision(DurqTaskStatus.Dead, null);
        }

        var visibleAt = Rfc3339.ToStoredPrecision(now + retry.DelayAfter(attempt, jitterDraw));
        return new FailureDecision(DurqTaskStatus.Pending, visibleAt);
    }
}
