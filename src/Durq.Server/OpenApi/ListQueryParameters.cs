using Durq.Server.Apis;
using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;
using static Durq.Server.OpenApi.SchemaRules;

namespace Durq.Server.OpenApi;

/// <summary>
/// Describes the query of the list routes in the OpenAPI document. The handlers read the query themselves
/// (<c>QueryReader</c>), so that a bad value is a problem document rather than ASP.NET Core's bare 400, and the
/// document would otherwise not show the parameters.
/// </summary>
internal static class ListQueryParameters
{
    /// <summary><c>GET /tasks</c> and <c>GET /dlq</c>: filters, then a page; <paramref name="statuses"/> are those the route takes.</summary>
    public static RouteHandlerBuilder WithTaskListQuery(this RouteHandlerBuilder builder, IReadOnlyList<string> statuses, string statusNote) =>
        builder.WithQuery(() =>
        [
            Parameter("status", statusNote, Of(JsonSchemaType.String, OneOf(statuses))),
            Parameter("activity_type", "Only tasks of this activity type, exactly as enqueued.", Of(JsonSchemaType.String, ActivityType)),
            Limit("Tasks newest first."),
            Cursor(),
        ]);

    /// <summary>A list that only pages; <paramref name="order"/> says in which order it holds its items.</summary>
    public static RouteHandlerBuilder WithPageQuery(this RouteHandlerBuilder builder, string order) =>
        builder.WithQuery(() => [Limit(order), Cursor()]);

    // Fresh parameters for each document, as a transformer may change what it is given.
    private static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, Func<OpenApiParameter[]> parameters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var parameter in parameters())
            {
                operation.Parameters.Add(parameter);
            }

            return Task.CompletedTask;
        });

    private static OpenApiParameter Limit(string order) => Parameter(
        "limit",
        $"Page size, 1 to {TaskListQuery.MaxLimit}; default {TaskListQuery.DefaultLimit}. {order}",
        Of(JsonSchemaType.Integer, Range(1, TaskListQuery.MaxLimit, TaskListQuery.DefaultLimit)));

    // Opaque to callers: what it holds may change (docs/api.md, "Lists").
    private static OpenApiParameter Cursor() => Parameter(
        "cursor", "The next_cursor of the previous page, unchanged; leave it out for the first page.", Of(JsonSchemaType.String));

    private static OpenApiParameter Parameter(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema };
}
