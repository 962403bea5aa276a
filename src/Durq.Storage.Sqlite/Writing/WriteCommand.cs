namespace Durq.Storage.Sqlite.Writing;

/// <summary>
/// One caller's write, run by the single writer inside a shared transaction. Its answer is released only after
/// that transaction has committed, so a caller never hears "done" for a write that is not yet durable.
/// </summary>
internal abstract class WriteCommand
{
    /// <summary>Runs the write inside the current batch's transaction; throwing rolls back this command alone.</summary>
    public abstract void Execute(WriteContext context);

    /// <summary>Releases the answer once the batch is durable.</summary>
    public abstract void Commit();

    public abstract void Fail(Exception error);
}

/// <summary>A write that answers with a value of type <typeparamref name="T"/>.</summary>
internal abstract class WriteCommand<T> : WriteCommand
{
    // Continuations run off the writer thread so a slow caller never stalls the next batch.
    private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Answer => _answer.Task;

    public sealed override void Execute(WriteContext context) => _result = Run(context);

    protected abstract T Run(WriteContext context);

    public sealed override void Commit() => _answer.TrySetResult(_result!);

    public sealed override void Fail(Exception error) => _answer.TrySetException(error);
}
