using System.Diagnostics.CodeAnalysis;
using Durq.Contracts;
using Microsoft.Extensions.Logging;

namespace Durq.Client;

/// <summary>
/// Claims tasks while the worker runs: batches sized to what <see cref="ClaimCapacity"/> allows, none while the server
/// says the worker is draining, each claimed task handed to <see cref="RunningTasks"/>. Owns the claim turns and the
/// count of failed claims in a row, which sets the backoff.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification =
    "The claim turns are a SemaphoreSlim whose wait handle is never asked for, so disposing it would release nothing.")]
internal sealed partial class ClaimLoop
{
    // After an empty claim that came back early (no long-poll, or a draining worker), wait this long before the next.
    private static readonly TimeSpan EmptyClaimPause = TimeSpan.FromSeconds(1);
    private const int MaxClaimsInFlight = 2;

    private readonly DurqClient _client;
    private readonly WorkerRegistration _registration;
    private readonly RunningTasks _tasks;
    private readonly ClaimCapacity _capacity;
    private readonly ClaimTasksRequest _claim;
    private readonly int _mostPerClaim;
    private readonly int _claimWaitMs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _claimTurns = new(MaxClaimsInFlight, MaxClaimsInFlight);
    private int _claimFailures;

    public ClaimLoop(
        DurqWorkerOptions options, IReadOnlyList<string> activityTypes, DurqClient client, WorkerRegistration registration,
        RunningTasks tasks, ClaimCapacity capacity, TimeProvider time, ILogger logger)
    {
        _client = client;
        _registration = registration;
        _tasks = tasks;
        _capacity = capacity;
        _claim = new ClaimTasksRequest { WorkerId = options.WorkerId, ActivityTypes = activityTypes, WaitMs = options.ClaimWaitMs };
        _mostPerClaim = options.MaxTasksPerClaim ?? DurqWorkerOptions.MaxClaimBatch;
        _claimWaitMs = options.ClaimWaitMs;
        _time = time;
        _logger = logger;
    }

    private string WorkerId => _claim.WorkerId;

    /// <summary>Claims until the token is cancelled, then waits until every claim in flight has ended.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _registration.EnsureRegisteredAsync(cancellationToken);
                await _registration.WhenNotDraining().WaitAsync(cancellationToken);
                await _claimTurns.WaitAsync(cancellationToken);
                int wanted;
                try
                {
                    wanted = await TakeClaimableAsync(cancellationToken);
                }
                catch
                {
                    _claimTurns.Release();
                    throw;
                }

                _ = ClaimAndStartAsync(wanted, cancellationToken);
            }
        }
        finally
        {
            // No claim may start tasks once stopping has begun: wait until every claim in flight has ended.
            for (var turn = 0; turn < MaxClaimsInFlight; turn++)
            {
                await _claimTurns.WaitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// One claim, its tasks started, then its turn given back, after a pause when it failed or came back empty early.
    /// Two claims are in flight at once so that slots freed while one is on its way are filled by the next, instead of
    /// each claim carrying alternately one task and the rest (which halves a busy worker's rate).
    /// </summary>
    private async Task ClaimAndStartAsync(int wanted, CancellationToken cancellationToken)
    {
        try
        {
            var started = _time.GetTimestamp();
            var claimed = await TryClaimAsync(wanted, cancellationToken);
            if (claimed is null)
            {
                await Task.Delay(Backoff.Delay(Interlocked.Increment(ref _claimFailures)), _time, cancellationToken);
                return;
            }

            Interlocked.Exchange(ref _claimFailures, 0);
            foreach (var task in claimed)
            {
                _tasks.Start(task);
            }

            if (claimed.Count == 0 && _time.GetElapsedTime(started) < TimeSpan.FromMilliseconds(_claimWaitMs / 2.0))
            {
                await Task.Delay(EmptyClaimPause, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is stopping.
        }
        finally
        {
            _claimTurns.Release();
        }
    }

    /// <summary>Waits until a task may be claimed, then takes as many as may be claimed now, up to one claim's worth.</summary>
    private Task<int> TakeClaimableAsync(CancellationToken cancellationToken) =>
        _capacity.TakeAsync(_mostPerClaim, cancellationToken);

    /// <summary>Claims up to <paramref name="wanted"/> tasks and gives back the room it did not fill; null when the claim failed.</summary>
    private async Task<IReadOnlyList<ClaimedTaskResource>?> TryClaimAsync(int wanted, CancellationToken cancellationToken)
    {
        IReadOnlyList<ClaimedTaskResource> claimed = [];
        try
        {
            claimed = await _client.ClaimTasksAsync(_claim with { MaxTasks = wanted }, cancellationToken);
            return claimed;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogClaimFailed(error, WorkerId);
            if (error is DurqProblemException { Code: "not_found" })
            {
                _registration.Forget();
            }

            return null;
        }
        finally
        {
            _capacity.Return(wanted - claimed.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durq worker {WorkerId} could not claim tasks; trying again")]
    private partial void LogClaimFailed(Exception error, string workerId);
}
