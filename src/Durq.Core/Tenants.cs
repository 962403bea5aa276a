namespace Durq.Core;

/// <summary>Every task row carries a tenant; until API keys map callers to tenants, all of them use this one.</summary>
internal static class Tenants
{
    public const string Default = "default";
}
