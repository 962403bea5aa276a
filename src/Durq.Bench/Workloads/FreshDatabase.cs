using Durq.Bench.Processes;
using Durq.Bench.Stores;

namespace Durq.Bench.Workloads;

/// <summary>An empty database for one run of a workload, and what it takes to prepare it before the server starts.</summary>
internal sealed record FreshDatabase(IBenchStore Store, string WorkDir, string[] StoreFlags, Launcher Durq);
