namespace Durq.Core.Tasks;

/// <summary>One failed attempt, as kept in a task's <c>errors</c> history and <c>last_error</c>.</summary>
/// <param name="Attempt">The attempt that failed, 1-based.</param>
/// <param name="Type">The error's type: the worker's (e.g. an exception type name), or <c>lease_expired</c> / <c>timeout</c>.</param>
/// <param name="Message">What went wrong, cut to <see cref="MaxMessageLength"/> characters.</param>
/// <param name="At">When the failure was recorded.</param>
internal sealed record TaskError(int Attempt, string Type, string Message, DateTimeOffset At)
{
    public const int MaxMessageLength = 8192;
    public const int MaxTypeLength = 200;

    /// <summary>The type given when a worker reports a failure without one.</summary>
    public const string DefaultType = "error";
    public const string LeaseExpiredType = "lease_expired";
    public const string TimeoutType = "timeout";

    /// <summary>A task still pending at its expiry (<c>options.expires_at</c>), moved to <c>dead</c> without running.</summary>
    public const string ExpiredType = "expired";

    public static TaskError Create(int attempt, string? type, string message, DateTimeOffset at) => new(
        attempt,
        string.IsNullOrEmpty(type) ? DefaultType : Cut(type, MaxTypeLength),
        Cut(message, MaxMessageLength),
        at);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
