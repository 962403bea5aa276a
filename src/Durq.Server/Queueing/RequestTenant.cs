using Durq.Server.Auth;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Queueing;

/// <summary>
/// The one place that says which tenant a request acts for: its API key's (or the default tenant, for a keyless caller
/// where the mode lets one in), as authentication decided. Only an authenticated request reaches the queue.
/// </summary>
internal sealed class RequestTenant(IHttpContextAccessor requests)
{
    public string Current => ApiCaller.Of(requests.HttpContext?.User)?.Tenant
        ?? throw new InvalidOperationException("The queue was used outside an authenticated request.");
}
