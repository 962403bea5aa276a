namespace Durq.Core.Validation;

/// <summary>Size limits applied while validating an enqueue request.</summary>
/// <param name="MaxInputBytes">Largest <c>input</c>, measured as UTF-8 JSON. Default 1 MiB.</param>
internal sealed record EnqueueLimits(int MaxInputBytes)
{
    public const int DefaultMaxInputBytes = 1024 * 1024;

    /// <summary>Most tasks in one batch request.</summary>
    public const int MaxBatchSize = 1000;

    public static EnqueueLimits Default { get; } = new(DefaultMaxInputBytes);
}
