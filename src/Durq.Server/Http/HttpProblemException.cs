namespace Durq.Server.Http;

/// <summary>A request the HTTP layer refuses before it reaches the domain: bad JSON, media type, size, id or query.</summary>
internal sealed class HttpProblemException(int status, string code, string detail, string hint) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Hint { get; } = hint;
}
