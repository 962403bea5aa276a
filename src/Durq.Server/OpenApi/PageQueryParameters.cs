using Durq.Server.Apis;
using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace Durq.Server.OpenApi;

/// <summary>
/// Describes the paging query (<c>limit</c>, <c>cursor</c>) of a list route in the OpenAPI document. The handlers read
/// the query themselves (<c>QueryReader</c>), so that a bad value is a problem document rather than
/// ASP.NET Core's bare 400, and the document would otherwise not show the parameters.
/// </summary>
internal static class PageQueryParameters
{
    public static RouteHandlerBuilder WithPageQuery(this RouteHandlerBuilder builder, string order) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "limit",
                In = ParameterLocation.Query,
                Description = $"Page size, {1} to {TaskListQuery.MaxLimit}; default {TaskListQuery.DefaultLimit}. {order}",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = TaskListQuery.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "cursor",
                In = ParameterLocation.Query,
                Description = "The next_cursor of the previous page, unchanged; leave it out for the first page.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });
}
