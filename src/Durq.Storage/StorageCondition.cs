using Durq.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Durq.Storage;

/// <summary>
/// The storage fault (read-only, full, corrupt) the store last met, kept until a write gets through again, so
/// <c>/health</c> can say why writes are refused. Each new fault is logged once, with where the data lives; the
/// requests it refuses are not logged again one by one.
/// </summary>
internal sealed partial class StorageCondition(string where, ILogger logger)
{
    private StoreUnavailableException? _fault;

    /// <summary>The fault still standing, or <c>null</c>.</summary>
    public StoreUnavailableException? Fault => Volatile.Read(ref _fault);

    /// <summary>Whether a write that changes nothing (<c>ProbeWrite</c>) getting through would show the fault over.</summary>
    public bool ProbeCanClear => Fault is { Code: ProblemCodes.StorageReadOnly };

    public void Noticed(StoreUnavailableException fault)
    {
        var previous = Interlocked.Exchange(ref _fault, fault);
        if (previous?.Code != fault.Code)
        {
            LogFault(fault.Cause, fault.Code, where);
        }
    }

    /// <summary>
    /// A batch committed. Read-only storage is shown writable by any write getting through, the probe's included; a full
    /// one only by a write that grew the data (a probe, rewriting a row in place, fits on a full disk); a damaged file
    /// never (it is restored from a backup and the store started again), so that fault stands.
    /// </summary>
    /// <param name="probed">The batch held a write that changes nothing, run to test the storage.</param>
    /// <param name="grew">The batch held a write that adds rows.</param>
    public void Committed(bool probed, bool grew)
    {
        var standing = Fault;
        var over = standing?.Code switch
        {
            ProblemCodes.StorageReadOnly => probed || grew,
            ProblemCodes.StorageFull => grew,
            _ => false,
        };
        if (over && Interlocked.CompareExchange(ref _fault, null, standing) == standing)
        {
            LogCleared(standing!.Code, where);
        }
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Storage fault {Code} on {Where}: requests that need it answer 503 until it is mended (docs/operations.md, \"Storage faults\")")]
    private partial void LogFault(Exception? cause, string code, string where);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage fault {Code} on {Where} is over: a write got through")]
    private partial void LogCleared(string code, string where);
}
