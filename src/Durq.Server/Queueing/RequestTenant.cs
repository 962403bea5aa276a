using System.Diagnostics.CodeAnalysis;
using Durq.Core;

namespace Durq.Server.Queueing;

/// <summary>
/// The one place that says which tenant a request acts for. Until API keys exist every request is the default tenant's;
/// with keys, the tenant comes from the request's key.
/// </summary>
internal sealed class RequestTenant
{
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "An instance member: the tenant becomes the request's own with API keys.")]
    public string Current => Tenants.Default;
}
