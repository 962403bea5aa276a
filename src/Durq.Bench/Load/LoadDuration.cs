namespace Durq.Bench.Load;

/// <summary>How long a load runs unmeasured (JIT, connection set-up, caches), then how long it is measured.</summary>
internal sealed record LoadDuration(TimeSpan WarmUp, TimeSpan Window);
