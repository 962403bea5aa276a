namespace Durq.Server.Hosting;

/// <summary>
/// The server cannot start as configured. The message is one line that says what to set or fix; <c>durq serve</c>
/// prints it alone, without a stack trace (the <see cref="Exception.InnerException"/>, if any, with <c>--verbose</c>),
/// and exits non-zero.
/// </summary>
public sealed class DurqStartupException(string message, Exception? cause = null) : Exception(message, cause);
