namespace Durq.Client;

/// <summary>
/// Thrown by a handler when retrying cannot help (bad input, a refused request): the worker reports the failure with
/// <c>retryable: false</c>, so the task goes to the dead-letter queue at once whatever attempts it has left.
/// Derive from it to give such failures their own <c>error.type</c>, which is the thrown exception's full type name.
/// </summary>
public class NonRetryableException : Exception
{
    public NonRetryableException()
    {
    }

    public NonRetryableException(string message)
        : base(message)
    {
    }

    public NonRetryableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A task's input could not be read as the type its handler takes; it never will be, so retrying is pointless.</summary>
internal sealed class InvalidTaskInputException(string message, Exception innerException)
    : NonRetryableException(message, innerException);
