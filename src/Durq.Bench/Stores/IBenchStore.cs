namespace Durq.Bench.Stores;

/// <summary>
/// One of Durq's stores as the suite uses it: a fresh, empty database for every measured workload (and one for the
/// Hangfire peer), the flags that point <c>durq serve</c> and <c>durq migrate</c> at it, and history seeded straight
/// into it.
/// </summary>
internal interface IBenchStore
{
    /// <summary><c>sqlite</c> or <c>postgres</c>, as the flags and the report name it.</summary>
    string Kind { get; }

    /// <summary>The engine's version and durability settings, for the report.</summary>
    Task<string> DescribeAsync();

    /// <summary>Creates an empty database for one workload; returns the <c>serve</c>/<c>migrate</c> flags that name it.</summary>
    Task<string[]> CreateFreshAsync(string workDir);

    /// <summary>
    /// Inserts <paramref name="count"/> completed tasks of an activity type nobody claims, as if they had been enqueued
    /// and run an hour ago, and counts them in the totals /health reports. The schema must exist (<c>durq migrate</c>).
    /// </summary>
    Task SeedCompletedTasksAsync(string workDir, int count);

    /// <summary>Removes what <see cref="CreateFreshAsync"/> made (the work folder itself is the caller's).</summary>
    Task DropAsync(string workDir);

    /// <summary>Creates an empty database for the Hangfire peer; returns its <c>--data-dir</c> or <c>--postgres</c> flags.</summary>
    Task<string[]> CreatePeerStoreAsync(string workDir);

    Task DropPeerStoreAsync(string workDir);
}
