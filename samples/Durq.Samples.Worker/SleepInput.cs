namespace Durq.Samples.Worker;

/// <summary>Input of <c>sample.sleep</c>: how long to sleep, in milliseconds.</summary>
public sealed record SleepInput(int Ms);
