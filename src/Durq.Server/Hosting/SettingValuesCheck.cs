using System.ComponentModel;
using System.Reflection;
using Durq.Server.Auth;
using Durq.Server.Observability;
using Durq.Storage.Postgres;
using Durq.Storage.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Durq.Server.Hosting;

/// <summary>
/// Checks before anything binds them that Durq's settings hold values of their kind, so that <c>Auth:Mode=bogus</c> or
/// <c>Limits:RequestsPerSecondPerKey=abc</c> stops the start with a line naming the key and what it takes, instead of
/// the configuration binder's exception wherever the setting happens to be read first.
/// </summary>
internal static class SettingValuesCheck
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        (AuthOptions.Section, typeof(AuthOptions)), (LimitsOptions.Section, typeof(LimitsOptions)),
        (ObservabilityOptions.Section, typeof(ObservabilityOptions)), (QueueOptions.Section, typeof(QueueOptions)),
        (RetentionOptions.Section, typeof(RetentionOptions)), (DurqSettings.StorageSection, typeof(SqliteStoreOptions)),
        // Read from the same section on PostgreSQL (StoreRegistration): Storage:MaxReadConnections is its own.
        (DurqSettings.StorageSection, typeof(PostgresStoreOptions)), (WorkersOptions.Section, typeof(WorkersOptions)),
    ];

    /// <exception cref="DurqStartupException">A setting holds a value its property cannot take.</exception>
    public static void EnsureConvertible(IConfiguration configuration)
    {
        foreach (var (section, options) in Sections)
        {
            foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var key = $"{section}:{property.Name}";
                if (configuration[key] is { Length: > 0 } value && !Converts(property.PropertyType, value))
                {
                    throw new DurqStartupException($"{key} is '{value}'; it must be {Expected(property.PropertyType)}.");
                }
            }
        }
    }

    private static bool Converts(Type type, string value)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception error) when (error is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Expected(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain switch
        {
            _ when plain.IsEnum => "one of " + string.Join(", ", Enum.GetNames(plain).Select(name => name.ToLowerInvariant())),
            _ when plain == typeof(int) || plain == typeof(long) => "a whole number",
            _ when plain == typeof(bool) => "true or false",
            _ when plain == typeof(TimeSpan) => "a duration as days.hours:minutes:seconds, e.g. 7.00:00:00 for a week or 00:00:02 for two seconds",
            _ => "a value of type " + plain.Name,
        };
    }
}
