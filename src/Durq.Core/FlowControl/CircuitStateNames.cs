namespace Durq.Core.FlowControl;

/// <summary>Translates <see cref="CircuitState"/> to and from its wire and storage name.</summary>
internal static class CircuitStateNames
{
    public static string ToWire(this CircuitState state) => state switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half_open",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown circuit state."),
    };

    public static CircuitState Parse(string name) => name switch
    {
        "closed" => CircuitState.Closed,
        "open" => CircuitState.Open,
        "half_open" => CircuitState.HalfOpen,
        _ => throw new FormatException($"'{name}' is not a circuit state."),
    };
}
