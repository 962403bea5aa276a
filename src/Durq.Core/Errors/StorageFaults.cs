namespace Durq.Core.Errors;

/// <summary>
/// The faults of the storage itself, which no retry by a caller mends and an operator must: the database cannot be
/// written, its disk is full, or its file is damaged. Each dialect tells them from its own errors; each is answered 503
/// with its own code, and <c>/health</c> reports it while it lasts. Their details are shown to clients, so they say what
/// happened and what is safe, never a file name or SQL (the store logs those once, for the operator).
/// </summary>
internal static class StorageFaults
{
    /// <summary>Callers are told to wait longer than for an outage: a person has to act first.</summary>
    public const int RetryAfterSeconds = 30;

    private const string OperatorHint = "An operator must act on it (docs/operations.md, \"Storage faults\"); retry after that.";

    public static StoreUnavailableException ReadOnly(Exception cause) => Fault(ProblemCodes.StorageReadOnly,
        "The database is read-only, so nothing was changed. " + OperatorHint, cause);

    public static StoreUnavailableException Full(Exception cause) => Fault(ProblemCodes.StorageFull,
        "The disk holding the database is full, so nothing was changed. " + OperatorHint, cause);

    public static StoreUnavailableException Corrupt(Exception cause) => Fault(ProblemCodes.StorageCorrupt,
        "The database file is damaged (corrupt), so the request could not be served and nothing was changed. " + OperatorHint, cause);

    /// <summary>Whether <paramref name="error"/> is one of these faults rather than a passing outage.</summary>
    public static bool IsFault(DurqException error) =>
        error.Code is ProblemCodes.StorageReadOnly or ProblemCodes.StorageFull or ProblemCodes.StorageCorrupt;

    private static StoreUnavailableException Fault(string code, string message, Exception cause) =>
        new(message, cause, code) { RetryAfterSeconds = RetryAfterSeconds };
}
