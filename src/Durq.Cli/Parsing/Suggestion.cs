namespace Durq.Cli.Parsing;

/// <summary>The name a mistyped one was most likely meant to be, by edit distance (as System.CommandLine's own typo correction).</summary>
internal static class Suggestion
{
    /// <summary>
    /// The candidate nearest <paramref name="typed"/>, ignoring case, if it is near enough: one edit per three characters
    /// of the candidate (at least one, at most three), so <c>--data-dirr</c> finds <c>--data-dir</c> but <c>--port</c>
    /// does not become <c>--urls</c>.
    /// </summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates) =>
        candidates
            .Select(candidate => (Candidate: candidate, Distance: Distance(typed.ToUpperInvariant(), candidate.ToUpperInvariant())))
            .Where(pair => pair.Distance <= Math.Clamp(pair.Candidate.TrimStart('-').Length / 3, 1, 3))
            .OrderBy(pair => pair.Distance)
            .Select(pair => pair.Candidate)
            .FirstOrDefault();

    /// <summary>
    /// Edit distance with transpositions (optimal string alignment): the fewest insertions, deletions, substitutions and
    /// swaps of neighbours that turn one into the other, so <c>Auht</c> is one edit from <c>Auth</c>.
    /// </summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
