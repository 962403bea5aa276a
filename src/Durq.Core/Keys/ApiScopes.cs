namespace Durq.Core.Keys;

/// <summary>What a key may do (API.md, "Authentication, scopes and tenants"); <see cref="Admin"/> may do all of it.</summary>
internal static class ApiScopes
{
    /// <summary>Enqueue tasks, one or a batch.</summary>
    public const string Enqueue = "enqueue";

    /// <summary>Every GET: tasks, the DLQ, workers, health, the event stream and metrics.</summary>
    public const string Read = "read";

    /// <summary>The worker protocol: register, claim, heartbeat, complete, fail, deregister.</summary>
    public const string Work = "work";

    /// <summary>Change what runs: cancel, DLQ retry and purge, drain and resume workers, settings.</summary>
    public const string Manage = "manage";

    /// <summary>All of the above, and the tenant's keys.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Enqueue, Read, Work, Manage, Admin];

    /// <summary>Whether a key with <paramref name="held"/> may do what needs <paramref name="needed"/>.</summary>
    public static bool Grants(IReadOnlyList<string> held, string needed) =>
        held.Contains(needed, StringComparer.Ordinal) || held.Contains(Admin, StringComparer.Ordinal);

    /// <summary>
    /// Parses a comma-separated list such as <c>enqueue,read</c>; the scopes come back in <see cref="All"/>'s order,
    /// once each. Null, with <paramref name="error"/> saying what is wrong, when the list is empty or names an unknown scope.
    /// </summary>
    public static IReadOnlyList<string>? Parse(IEnumerable<string> names, out string? error)
    {
        var given = names.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        var unknown = given.Where(n => !All.Contains(n, StringComparer.Ordinal)).ToList();
        error = unknown.Count > 0
            ? $"Unknown scope {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the scopes are {string.Join(", ", All)}."
            : given.Count == 0 ? $"Give at least one scope: {string.Join(", ", All)}." : null;
        return error is null ? [.. All.Where(given.Contains)] : null;
    }
}
