using Durq.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Durq.Client;

/// <summary>
/// Registers the handlers of one Durq worker, which <see cref="DurqWorkerServiceCollectionExtensions.AddDurqWorker"/>
/// added as a hosted service. Each activity type has one handler; the worker claims only the types it has handlers for.
/// </summary>
/// <remarks>
/// A handler that returns normally completes its task with the value it returned as <c>result</c> (none for null).
/// One that throws fails the attempt with <c>error.type</c> = the exception's full type name and <c>error.message</c> =
/// its message; the server retries it while attempts are left, unless it was a <see cref="NonRetryableException"/>.
/// </remarks>
public sealed class DurqWorkerBuilder
{
    internal DurqWorkerBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    internal TaskHandlers Handlers { get; } = new();

    /// <summary>Handles tasks with their input and result as raw JSON; return null for no result.</summary>
    public DurqWorkerBuilder Handle(string activityType, Func<RawJson, DurqTaskContext, Task<RawJson?>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Handlers.Add(activityType, (input, context, _) => handler(input, context));
        return this;
    }

    /// <summary>
    /// Handles tasks whose input reads as <typeparamref name="TInput"/> with <see cref="DurqWorkerOptions.SerializerOptions"/>;
    /// the value returned (by its runtime type, through the same options) becomes the result, null for none. Input that
    /// does not read as <typeparamref name="TInput"/> fails the task without retries.
    /// </summary>
    /// <remarks>Write the handler as an <c>async</c> lambda that <c>return</c>s its result: a lambda that merely returns a
    /// <c>Task&lt;T&gt;</c> binds to the overload without a result, and its value would be dropped.</remarks>
    public DurqWorkerBuilder Handle<TInput>(string activityType, Func<TInput, DurqTaskContext, Task<object?>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Handlers.Add(activityType, TaskHandlers.Typed(handler));
        return this;
    }

    /// <summary>Handles tasks whose input reads as <typeparamref name="TInput"/>; the task completes without a result.</summary>
    public DurqWorkerBuilder Handle<TInput>(string activityType, Func<TInput, DurqTaskContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Handlers.Add(activityType, TaskHandlers.Typed(handler));
        return this;
    }
}
