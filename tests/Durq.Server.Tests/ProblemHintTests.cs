using System.Reflection;
using Durq.Core.Errors;
using Durq.Server.Http;

namespace Durq.Server.Tests;

/// <summary>
/// Every problem code, provoked through HTTP: the answer carries one allowed action whose hint fits the case that
/// caused it (not a hint written for another case of the same code), as API.md's "Errors" asks of every problem.
/// </summary>
public sealed class ProblemHintTests
{
    public static TheoryData<string> Cases => [.. ProblemCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_answer_carries_an_action_whose_hint_fits_the_case(string name)
    {
        var problemCase = ProblemCases.All.Single(c => c.Name == name);
        await using var node = new DurqApiFactory(problemCase.Settings);
        using var client = node.CreateClient();

        var provoked = await problemCase.Provoke(node, client);
        using var response = provoked.Response;
        var problem = await response.AssertProblemAsync(problemCase.Status, problemCase.Code);
        problemCase.AssertFits(problem, provoked.TaskId);
    }

    [Fact]
    public void Every_problem_code_is_provoked_here_or_where_its_suite_is_named()
    {
        var provokedHere = ProblemCases.All.Select(c => c.Code).ToHashSet();
        Assert.Empty(provokedHere.Intersect(ProblemCases.Elsewhere.Keys));
        Assert.Equal(AllCodes().Order(), provokedHere.Union(ProblemCases.Elsewhere.Keys).Order());
    }

    [Fact]
    public void Every_problem_code_has_a_default_action() =>
        Assert.All(AllCodes(), code => Assert.False(string.IsNullOrEmpty(ProblemActions.Default(code).Hint)));

    /// <summary>The codes as <see cref="ProblemCodes"/> declares them, the one list of them.</summary>
    private static IEnumerable<string> AllCodes() =>
        typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}
