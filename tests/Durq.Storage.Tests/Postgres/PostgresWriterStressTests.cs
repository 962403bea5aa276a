using System.Collections.Concurrent;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Tests.Conformance;
using Npgsql;

namespace Durq.Storage.Tests.Postgres;

/// <summary>
/// The PostgreSQL writer under a flood of mixed good, bad and cancelled requests, all at once: values the database
/// refuses (NUL characters), values the driver cannot encode (lone surrogates), reports under leases that do not exist,
/// callers that give up mid-way, and reads beside them. Each bad request fails alone; the writer's connection never
/// falls out of step with the server (no "unexpected backend message"); every acknowledged task is stored; the store
/// works afterwards.
/// </summary>
public sealed class PostgresWriterStressTests : StoreTests
{
    private const int Rounds = 1500;

    private readonly ConcurrentBag<Guid> _acknowledged = [];
    private readonly ConcurrentBag<Exception> _unexpected = [];

    private protected override IStoreHarness CreateHarness() => new PostgresStoreHarness();

    [Fact]
    public async Task Mixed_good_bad_and_cancelled_requests_never_desynchronize_the_writer_or_lose_an_acknowledged_task()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(n => Task.Run(() => FloodAsync(n))));

        Assert.Empty(_unexpected.Select(e => e.ToString()));
        var stored = (await ListAllIdsAsync()).ToHashSet();
        Assert.All(_acknowledged, id => Assert.Contains(id, stored));
        var after = NewTask();
        await EnqueueAsync(after);
        Assert.NotNull(await GetAsync(after.Id));
        Assert.NotEmpty(await ClaimAsync(10));
    }

    private async Task FloodAsync(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < Rounds / 16; round++)
        {
            using var giveUp = new CancellationTokenSource();
            if (random.Next(4) == 0)
            {
                giveUp.CancelAfter(TimeSpan.FromMilliseconds(random.Next(0, 3)));
            }

            await OneRequestAsync(random.Next(12), giveUp.Token);
        }
    }

    private async Task OneRequestAsync(int kind, CancellationToken cancellationToken)
    {
        try
        {
            switch (kind)
            {
                case 0 or 1:
                    var good = NewTasks(1 + (kind * 3));
                    await Store.EnqueueAsync(new EnqueueParams(TenantA, good, null, 0, Now), cancellationToken);
                    foreach (var task in good)
                    {
                        _acknowledged.Add(task.Id);
                    }

                    break;
                case 2:
                    // The database refuses a NUL in text: the write fails alone.
                    await Store.EnqueueAsync(new EnqueueParams(TenantA, [NewTask("bad\0type")], null, 0, Now), cancellationToken);
                    break;
                case 3:
                    // The driver cannot encode a lone surrogate: it fails before anything is sent.
                    await Store.RegisterWorkerAsync(
                        new RegisterWorkerParams(TenantA, "w\ud800", ["email.send"], 1, null, "host\0name", null, Now), cancellationToken);
                    break;
                case 4:
                    await Store.CompleteTaskAsync(new CompleteTaskParams(TenantA, Guid.CreateVersion7(), Guid.CreateVersion7(), "{}", Now), cancellationToken);
                    break;
                case 5:
                    foreach (var task in await Store.ClaimTasksAsync(new ClaimParams(TenantA, WorkerA, ["email.send"], 5, Now), cancellationToken))
                    {
                        await Store.CompleteTaskAsync(new CompleteTaskParams(TenantA, task.Id, task.LeaseId!.Value, "{}", Now), cancellationToken);
                    }

                    break;
                case 8:
                    // Gathered into the batch's shared INSERT with good enqueues, and announced with the commit.
                    await Store.EnqueueAsync(new EnqueueParams(TenantA, [NewTask("lone\udc00type")], null, 0, Now), cancellationToken);
                    break;
                case 9:
                    await Store.EnqueueAsync(new EnqueueParams(TenantA, [NewTask(inputJson: "{\"a\":\"\\u0000\"}")], null, 0, Now), cancellationToken);
                    break;
                case 10:
                    await Store.RetryDeadTasksAsync(new RetryDeadTasksParams(TenantA, "bad\0type", Now), cancellationToken);
                    break;
                case 11:
                    await Store.ClaimTasksAsync(new ClaimParams(TenantA, "worker\0a", ["email.send"], 5, Now), cancellationToken);
                    break;
                case 6:
                    await Store.ListTasksAsync(new ListTasksParams(TenantA, DurqTaskStatus.Pending, "bad\0type", 50, null), cancellationToken);
                    break;
                default:
                    await Store.GetStatsAsync(TenantA, cancellationToken);
                    break;
            }
        }
        catch (Exception error) when (IsExpected(error, cancellationToken))
        {
            // A refusal, a caller that gave up, or a bad value failing its own request: what this flood is made of.
        }
        catch (Exception error)
        {
            _unexpected.Add(error);
        }
    }

    /// <summary>Refusals, cancellations, and the two failures of bad values; never a broken or desynchronized connection.</summary>
    private static bool IsExpected(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => cancellationToken.IsCancellationRequested,
        StoreUnavailableException => false,
        DurqException => true,
        PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter } => true,
        System.Text.EncoderFallbackException => true,
        _ => false,
    };
}
