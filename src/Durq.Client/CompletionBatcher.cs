using System.Threading.Channels;
using Durq.Contracts;

namespace Durq.Client;

/// <summary>
/// Gathers the completions of a worker's tasks into batch requests (<c>POST /tasks/complete</c>), the way the server
/// gathers writes into one commit: while one batch is on its way, the next accumulates, so a busy worker sends one
/// request for many tasks and an idle one still sends each completion at once. Each caller gets its own answer.
/// A server without the batch route is detected once, and completions then go one by one.
/// </summary>
internal sealed class CompletionBatcher : IAsyncDisposable
{
    public const int MaxBatch = 500;

    /// <summary>Results larger than this go alone, so that a batch stays well inside the server's request limit.</summary>
    public const int MaxBatchedResultChars = 16 * 1024;

    /// <summary>
    /// Most result text in one batch. Even if every character took 3 bytes of UTF-8, a batch stays under the server's
    /// default request limit of 2 MiB (<c>Limits:MaxRequestBytes</c>).
    /// </summary>
    public const int MaxBatchChars = 512 * 1024;

    private readonly DurqClient _client;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private volatile bool _batchRouteMissing;

    public CompletionBatcher(DurqClient client)
    {
        _client = client;
        _loop = Task.Run(SendBatchesAsync);
    }

    /// <summary>Completes one task; throws <see cref="DurqProblemException"/> when refused, like the single route.</summary>
    public async Task CompleteAsync(string taskId, string leaseId, RawJson? result, CancellationToken cancellationToken)
    {
        if (_batchRouteMissing || result is { Json.Length: > MaxBatchedResultChars })
        {
            await _client.CompleteTaskAsync(taskId, leaseId, result, cancellationToken);
            return;
        }

        var pending = new Pending(new TaskCompletionInput { TaskId = taskId, LeaseId = leaseId, Result = result });
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        await pending.Answer.Task.WaitAsync(cancellationToken);
    }

    private async Task SendBatchesAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var size = 0;
            while (batch.Count < MaxBatch && _queue.Reader.TryPeek(out var next)
                && (batch.Count == 0 || size + next.Size <= MaxBatchChars) && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                size += pending.Size;
            }

            await SendAsync(batch);
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        try
        {
            var response = await _client.CompleteTasksAsync([.. batch.Select(p => p.Completion)]);
            for (var i = 0; i < batch.Count; i++)
            {
                Answer(batch[i], response.Results[i]);
            }
        }
        catch (DurqProblemException missing) when (missing.Status is 404 or 405)
        {
            _batchRouteMissing = true;
            await Task.WhenAll(batch.Select(CompleteAloneAsync));
        }
        catch (Exception error)
        {
            // The request as a whole failed (network, 503): every caller retries its own completion.
            batch.ForEach(p => p.Answer.TrySetException(error));
        }
    }

    private async Task CompleteAloneAsync(Pending pending)
    {
        try
        {
            var completion = pending.Completion;
            await _client.CompleteTaskAsync(completion.TaskId, completion.LeaseId, completion.Result);
            pending.Answer.TrySetResult();
        }
        catch (Exception error)
        {
            pending.Answer.TrySetException(error);
        }
    }

    private static void Answer(Pending pending, CompletionResult result)
    {
        if (result.Completed)
        {
            pending.Answer.TrySetResult();
            return;
        }

        var status = result.Code == "not_found" ? 404 : 409;
        pending.Answer.TrySetException(new DurqProblemException(new ProblemDocument
        {
            Title = status == 404 ? "Not Found" : "Conflict",
            Status = status,
            Code = result.Code ?? "lease_lost",
            Detail = result.Detail,
        }));
    }

    /// <summary>Takes no more completions; the loop ends once those already queued are sent.</summary>
    public void Close() => _queue.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        Close();
        await _loop;
    }

    private sealed record Pending(TaskCompletionInput Completion)
    {
        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Its share of a batch's size: the result, and room for the ids around it.</summary>
        public int Size => (Completion.Result?.Json.Length ?? 0) + 100;
    }
}
