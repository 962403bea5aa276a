namespace Durq.Client;

/// <summary>Which failures of a request are worth repeating: the network, timeouts, and the server saying "later".</summary>
internal static class TransientErrors
{
    /// <summary>Call only when the caller's own token has not fired: a cancellation is then HttpClient's timeout.</summary>
    public static bool Is(Exception error) => error switch
    {
        HttpRequestException or IOException or TimeoutException or OperationCanceledException => true,
        DurqProblemException problem => problem.Status is 408 or 429 or >= 500,
        _ => false,
    };
}
