namespace Durq.Bench.Peers;

/// <summary>How long an enqueue workload runs unmeasured (so the JIT and the storage are warm), then measured.</summary>
internal sealed record EnqueueWindow(TimeSpan WarmUp, TimeSpan Measured)
{
    public override string ToString() => $"{Measured.TotalSeconds:F0} s after a {WarmUp.TotalSeconds:0.##} s warm-up";
}
