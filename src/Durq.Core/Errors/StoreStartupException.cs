namespace Durq.Core.Errors;

/// <summary>
/// The store cannot start on its data: a damaged or foreign database file, or a data folder another process holds. Its
/// message is one sentence for the operator, naming the file and what to do; <c>durq serve</c> prints it and exits.
/// </summary>
internal sealed class StoreStartupException(string message, Exception? cause = null) : Exception(message, cause);
