using System.Globalization;
using System.Threading.RateLimiting;
using Durq.Core.Errors;
using Durq.Server.Hosting;
using Durq.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Durq.Server.Auth;

/// <summary>
/// <c>Limits:RequestsPerSecondPerKey</c>: ASP.NET Core's rate limiter with one token bucket per API key (and one for
/// keyless requests), refilled every second; a request over the limit is 429 <c>rate_limited</c> with <c>Retry-After</c>.
/// Routes that need no key are not limited.
/// </summary>
internal static class RequestRateLimits
{
    // A limiter is kept per partition name, made by the first request that names it: each kind needs a name of its own,
    // and neither can be a key's id (12 letters and digits).
    private const string KeylessPartition = "(keyless)";
    private const string UnlimitedPartition = "(no key needed)";

    public static IServiceCollection AddDurqRateLimits(this IServiceCollection services, LimitsOptions limits)
    {
        var perSecond = limits.RequestsPerSecondPerKey;
        return perSecond == 0 ? services : services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                ApiCaller.Of(context.User) is { } caller && RouteScopes.Of(context.GetEndpoint()) is not null
                    ? RateLimitPartition.GetTokenBucketLimiter(caller.KeyId ?? KeylessPartition, _ => Bucket(perSecond))
                    : RateLimitPartition.GetNoLimiter(UnlimitedPartition));
            options.OnRejected = (rejected, _) => Reject(rejected.HttpContext, perSecond,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1));
        });
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond) => new()
    {
        TokenLimit = perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask Reject(HttpContext context, int perSecond, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var caller = ApiCaller.Of(context.User)?.Describe() ?? "this caller";
        var problem = Problems.Create(context, StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited,
            $"Too many requests: {caller} may make {perSecond.ToString(CultureInfo.InvariantCulture)} a second.") with
        {
            RetryAfterSeconds = seconds,
            AllowedActions = [ProblemActions.RetryLater($"Retry after {seconds} seconds.")],
        };
        await Problems.WriteAsync(context, problem);
    }
}
