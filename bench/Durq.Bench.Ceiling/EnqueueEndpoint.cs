using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace Durq.Bench.Ceiling;

/// <summary>
/// <c>POST /api/v1/durable/tasks</c> without the durability: the body read whole from the request pipe and parsed into
/// a <see cref="JsonDocument"/>, as Durq's RequestBodies does, its members checked for shape (activity_type a string,
/// input present, options an object if given), then 201 <c>{"task_id": "..."}</c> with a Location.
/// </summary>
internal static class EnqueueEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        using var body = await ReadJsonAsync(context.Request.BodyReader, context.RequestAborted);
        if (body is null || !HasEnqueueShape(body.RootElement))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var id = Guid.CreateVersion7().ToString("N");
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = "/api/v1/durable/tasks/" + id;
        // Sized up front: a Content-Length answer, as small a response as HTTP/1.1 allows, not a chunked one.
        var answer = JsonSerializer.SerializeToUtf8Bytes(new TaskCreated(id), CeilingJson.Default.TaskCreated);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    private static bool HasEnqueueShape(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("activity_type", out var type) && type.ValueKind == JsonValueKind.String
        && root.TryGetProperty("input", out _)
        && (!root.TryGetProperty("options", out var options) || options.ValueKind == JsonValueKind.Object);

    /// <summary>The whole body, then one parse; null when it is not JSON.</summary>
    private static async Task<JsonDocument?> ReadJsonAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                try
                {
                    return JsonDocument.Parse(read.Buffer.ToArray());
                }
                catch (JsonException)
                {
                    return null;
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
