using Durq.Server.Apis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using static Durq.Server.OpenApi.SchemaRules;

namespace Durq.Server.OpenApi;

/// <summary>Describes the HTTP headers a route reads or answers with, which the handlers handle themselves.</summary>
internal static class HeaderParameters
{
    /// <summary>What both enqueue routes read and answer: at most once with <c>Idempotency-Key</c>, traced with <c>traceparent</c>.</summary>
    public static RouteHandlerBuilder WithEnqueueHeaders(this RouteHandlerBuilder builder) => builder
        .WithRequestHeader(TaskEnqueuer.IdempotencyKeyHeader,
            "Enqueue at most once: a retry with the same key and the same body answers 200 with the first answer and " +
            "`Idempotent-Replayed: true`; the same key with another body is a 409 `idempotency_key_reused`. Per tenant, kept at least 24 hours.",
            () => Of(JsonSchemaType.String, Length(1, TaskEnqueuer.MaxIdempotencyKeyLength)))
        .WithRequestHeader("traceparent",
            "A W3C trace context, kept with the task and handed to the worker that claims it; an invalid one is ignored.",
            () => Of(JsonSchemaType.String))
        .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed",
            "`true`: this answer replays the first request with the same `Idempotency-Key`; nothing new was enqueued.",
            () => Of(JsonSchemaType.String, OneOf(["true"])));

    /// <summary>The <c>Location</c> of what a 201 made.</summary>
    public static RouteHandlerBuilder WithLocation(this RouteHandlerBuilder builder, string example) =>
        builder.WithResponseHeader(StatusCodes.Status201Created, "Location", "Where to read what was made, e.g. `" + example + "`.",
            () => Of(JsonSchemaType.String));

    private static RouteHandlerBuilder WithRequestHeader(this RouteHandlerBuilder builder, string name, string description, Func<OpenApiSchema> schema) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Description = description, Schema = schema() });
            return Task.CompletedTask;
        });

    private static RouteHandlerBuilder WithResponseHeader(
        this RouteHandlerBuilder builder, int status, string name, string description, Func<OpenApiSchema> schema) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            AddHeader(operation, status, name, new OpenApiHeader { Description = description, Schema = schema() });
            return Task.CompletedTask;
        });

    /// <summary>Adds <paramref name="header"/> to the answer of <paramref name="status"/>, where the operation has one.</summary>
    public static void AddHeader(OpenApiOperation operation, int status, string name, OpenApiHeader header)
    {
        if (operation.Responses?.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = header;
        }
    }
}
