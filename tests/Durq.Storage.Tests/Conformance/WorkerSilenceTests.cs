using Durq.Core.Storage;
using Durq.Core.Workers;

namespace Durq.Storage.Tests.Conformance;

/// <summary>
/// Workers gone silent, for the operator log: each silence is answered once, however often the sweep runs, and again
/// only after the worker heartbeated and went silent once more.
/// </summary>
public abstract class WorkerSilenceTests : StoreTests
{
    private static readonly DateTimeOffset Silent = Now + Worker.StoppedAfter + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_live_worker_is_not_silent()
    {
        await RegisterWorkerAsync(WorkerA);

        Assert.Empty(await NoteAsync(Now + Worker.StoppedAfter - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_silence_is_answered_once_however_often_the_sweep_runs()
    {
        await RegisterWorkerAsync(WorkerA);
        await RegisterWorkerAsync(WorkerB, tenant: TenantB);

        var first = await NoteAsync(Silent);
        var later = await NoteAsync(Silent.AddMinutes(5));

        Assert.Equal([(TenantA, WorkerA, Now), (TenantB, WorkerB, Now)], first.Select(w => (w.Tenant, w.Id, w.LastHeartbeatAt)).Order());
        Assert.Empty(later);
    }

    [Fact]
    public async Task A_worker_that_came_back_and_went_silent_again_is_answered_again()
    {
        await RegisterWorkerAsync(WorkerA);
        Assert.Single(await NoteAsync(Silent));

        var back = Silent.AddSeconds(1);
        await HeartbeatWorkerAsync(WorkerA, 2, back);
        Assert.Empty(await NoteAsync(back.AddSeconds(30)));

        var again = Assert.Single(await NoteAsync(back + Worker.StoppedAfter + TimeSpan.FromSeconds(1)));
        Assert.Equal((back, 2), (again.LastHeartbeatAt, again.CurrentLoad));
    }

    [Fact]
    public async Task Sweeps_racing_answer_each_silence_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => RegisterWorkerAsync($"worker-{i}")));

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => NoteAsync(Silent))));

        Assert.Equal(5, answers.Sum(a => a.Count));
        Assert.Equal(5, answers.SelectMany(a => a).Select(w => w.Id).Distinct().Count());
    }

    private protected Task<IReadOnlyList<Worker>> NoteAsync(DateTimeOffset at) =>
        Store.NoteSilentWorkersAsync(new NoteSilentWorkersParams(at, 100), CancellationToken.None);
}
