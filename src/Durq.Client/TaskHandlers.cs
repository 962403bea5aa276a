using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Durq.Contracts;

namespace Durq.Client;

/// <summary>A handler as the worker calls it: raw input in, raw result (or none) out.</summary>
internal delegate Task<RawJson?> TaskHandler(RawJson input, DurqTaskContext context, JsonSerializerOptions serializer);

/// <summary>The handlers of one worker by activity type, and the adapters that let typed handlers speak raw JSON.</summary>
internal sealed class TaskHandlers
{
    private readonly Dictionary<string, TaskHandler> _byActivityType = new(StringComparer.Ordinal);

    public IReadOnlyList<string> ActivityTypes => [.. _byActivityType.Keys];

    public int Count => _byActivityType.Count;

    public void Add(string activityType, TaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityType);
        if (!_byActivityType.TryAdd(activityType, handler))
        {
            throw new ArgumentException($"A handler for '{activityType}' is already registered.", nameof(activityType));
        }
    }

    public TaskHandler? Find(string activityType) => _byActivityType.GetValueOrDefault(activityType);

    public static TaskHandler Typed<TInput>(Func<TInput, DurqTaskContext, Task<object?>> handler) =>
        async (input, context, serializer) => Write(await handler(Read<TInput>(input, serializer), context), serializer);

    public static TaskHandler Typed<TInput>(Func<TInput, DurqTaskContext, Task> handler) =>
        async (input, context, serializer) =>
        {
            await handler(Read<TInput>(input, serializer), context);
            return null;
        };

    private static TInput Read<TInput>(RawJson input, JsonSerializerOptions serializer)
    {
        JsonTypeInfo<TInput> typeInfo = DurqPayload.TypeInfo<TInput>(serializer);
        try
        {
            return JsonSerializer.Deserialize(input.Json, typeInfo)!;
        }
        catch (JsonException error)
        {
            throw new InvalidTaskInputException($"The task's input is not a valid {typeof(TInput).Name}: {error.Message}", error);
        }
    }

    // Serialized by the value's own type, so a handler may return any type the serializer knows; RawJson passes through.
    private static RawJson? Write(object? result, JsonSerializerOptions serializer) => result switch
    {
        null => null,
        RawJson raw => raw,
        _ => new RawJson(JsonSerializer.Serialize(result, DurqPayload.TypeInfo(serializer, result.GetType()))),
    };
}
