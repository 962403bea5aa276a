namespace Durq.Server.Observability;

/// <summary>Keeps, of a Prometheus text exposition, the samples of one tenant and those of no tenant.</summary>
internal static class TenantSeries
{
    private const string TenantLabel = "tenant=\"";

    /// <summary>
    /// Drops every sample line whose <c>tenant</c> label names another tenant; comments (<c># HELP</c>, <c># TYPE</c>,
    /// <c># EOF</c>) and samples without the label stay. A tenant name never holds a quote or a backslash
    /// (<see cref="Core.Tenants.Pattern"/>), so the label's value ends at the next quote.
    /// </summary>
    public static string Keep(string exposition, string tenant) =>
        string.Join('\n', exposition.Split('\n').Where(line => !IsOtherTenants(line, tenant)));

    // A label's value escapes its quotes (\"), so a quote inside another label's value never reads as this one's start.
    private static bool IsOtherTenants(ReadOnlySpan<char> line, string tenant)
    {
        var open = line.IndexOf('{');
        if (open < 0 || line.StartsWith("#"))
        {
            return false;
        }

        var labels = line[open..];
        var at = FindLabel(labels);
        if (at < 0)
        {
            return false;
        }

        var value = labels[(at + TenantLabel.Length)..];
        var end = value.IndexOf('"');
        return end < 0 || !value[..end].SequenceEqual(tenant);
    }

    /// <summary>Where the <c>tenant</c> label starts among the labels (after <c>{</c> or <c>,</c>), or -1.</summary>
    private static int FindLabel(ReadOnlySpan<char> labels)
    {
        var from = 0;
        while (labels[from..].IndexOf(TenantLabel) is var found and >= 0)
        {
            var at = from + found;
            if (at > 0 && labels[at - 1] is '{' or ',')
            {
                return at;
            }

            from = at + TenantLabel.Length;
        }

        return -1;
    }
}
