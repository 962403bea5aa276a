using Durq.Bench.Ceiling;

// The machine's HTTP ceiling for Durq's enqueue (issue 14): the same route, the same body read and parsed into a
// JsonDocument, the same 201 with a task id and a Location, and nothing stored. `durq bench` runs its E1 and E1-seq
// load against it; Durq's durable enqueue is then set against what HTTP alone costs on the same machine.
var app = CeilingApp.Build(args);
await app.RunAsync();
