namespace Durq.Core.Errors;

/// <summary>No backup was made; the message is one sentence for the operator saying why and what to do instead.</summary>
internal sealed class StoreBackupException(string message, Exception? cause = null) : Exception(message, cause);
