using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Durq.Contracts;

namespace Durq.Client;

/// <summary>
/// Typed access to every route of the Durq HTTP API (API.md). It wraps the <see cref="HttpClient"/> it is given, whose
/// <see cref="HttpClient.BaseAddress"/> must be the server root (e.g. <c>http://127.0.0.1:8080</c>), and does not
/// dispose it. Every error answer throws <see cref="DurqProblemException"/>; network failures surface as
/// <see cref="HttpRequestException"/> and timeouts as <see cref="TaskCanceledException"/>, as from HttpClient itself.
/// Task inputs and results are <see cref="RawJson"/>; <see cref="DurqPayload"/> converts your types to and from it.
/// </summary>
/// <remarks>
/// With an API key, every request carries <c>Authorization: Bearer &lt;key&gt;</c>; the key is set on each request, not
/// on the <see cref="HttpClient"/>, so one HttpClient may serve clients with different keys. The SDK does not read
/// <c>DURQ_API_KEY</c> itself (the <c>durq</c> command line does): pass it in from your own configuration.
/// </remarks>
public sealed class DurqClient
{
    private const string Api = "api/v1/durable/";
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <param name="apiKey">The key sent as <c>Authorization: Bearer</c> on every request; null or empty sends none.</param>
    /// <exception cref="ArgumentException">No base address, or a key that is not printable ASCII without spaces.</exception>
    public DurqClient(HttpClient httpClient, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException(
                "Set HttpClient.BaseAddress to the Durq server root, e.g. http://127.0.0.1:8080.", nameof(httpClient));
        }

        _http = httpClient;
        _authorization = ApiKeys.Header(apiKey, nameof(apiKey));
    }

    // Tasks

    /// <summary>Enqueues one task (<c>POST /tasks</c>) and returns its id.</summary>
    /// <param name="input">Any JSON value; <see cref="DurqPayload.Serialize{T}(T, JsonTypeInfo{T})"/> makes one from your type.</param>
    /// <param name="options">Unset members take the server's defaults (5 attempts, priority 0, no delay, …).</param>
    /// <param name="idempotencyKey">
    /// Sent as <c>Idempotency-Key</c>: repeating the same request with the same key returns the first task's id.
    /// </param>
    public async Task<string> EnqueueAsync(
        string activityType, RawJson input, TaskOptionsContract? options = null, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        _ = DurqPayload.Text(input);
        var request = new EnqueueTaskRequest(activityType, input, options);
        using var message = Post("tasks", request, DurqJson.Context.EnqueueTaskRequest);
        AddIdempotencyKey(message, idempotencyKey);
        var response = await SendAsync(message, DurqJson.Context.EnqueueTaskResponse, cancellationToken);
        return response.TaskId;
    }

    /// <summary>Enqueues 1–1000 tasks all-or-nothing (<c>POST /tasks/batch</c>); the ids come back in request order.</summary>
    public async Task<IReadOnlyList<string>> EnqueueBatchAsync(
        IReadOnlyList<EnqueueTaskRequest> tasks, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        using var message = Post("tasks/batch", new EnqueueBatchRequest(tasks), DurqJson.Context.EnqueueBatchRequest);
        AddIdempotencyKey(message, idempotencyKey);
        var response = await SendAsync(message, DurqJson.Context.EnqueueBatchResponse, cancellationToken);
        return response.TaskIds;
    }

    public Task<TaskResource> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        GetAsync(Api + "tasks/" + Segment(taskId), DurqJson.Context.TaskResource, cancellationToken);

    /// <summary>A page of tasks, newest first (<c>GET /tasks</c>). List items omit <c>input</c> and <c>result</c>.</summary>
    /// <param name="status"><c>pending</c>, <c>claimed</c>, <c>completed</c>, <c>dead</c> or <c>cancelled</c>; null for all.</param>
    /// <param name="limit">1–500; the server's default is 100.</param>
    /// <param name="cursor">The <see cref="TaskListResponse.NextCursor"/> of the previous page.</param>
    public Task<TaskListResponse> ListTasksAsync(
        string? status = null, string? activityType = null, int? limit = null, string? cursor = null,
        CancellationToken cancellationToken = default) =>
        GetAsync(
            Api + "tasks" + Query(("status", status), ("activity_type", activityType), ("limit", Number(limit)), ("cursor", cursor)),
            DurqJson.Context.TaskListResponse, cancellationToken);

    /// <summary>Cancels a pending task at once, or asks the worker of a claimed one to stop (<c>POST /tasks/{id}/cancel</c>).</summary>
    public Task<TaskResource> CancelTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        PostAsync("tasks/" + Segment(taskId) + "/cancel", DurqJson.Context.TaskResource, cancellationToken);

    // The worker protocol

    /// <summary>Claims up to <see cref="ClaimTasksRequest.MaxTasks"/> tasks, long-polling up to <see cref="ClaimTasksRequest.WaitMs"/> (<c>POST /tasks/claim</c>).</summary>
    public async Task<IReadOnlyList<ClaimedTaskResource>> ClaimTasksAsync(ClaimTasksRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await PostAsync("tasks/claim", request, DurqJson.Context.ClaimTasksRequest, DurqJson.Context.ClaimTasksResponse, cancellationToken);
        return response.Tasks;
    }

    /// <summary>Renews a lease (<c>POST /tasks/{id}/heartbeat</c>). A lost lease throws with <see cref="DurqProblemException.Code"/> <c>lease_lost</c>.</summary>
    /// <param name="details">A progress note stored with the task as <c>heartbeat_details</c>.</param>
    public Task<TaskHeartbeatResponse> HeartbeatTaskAsync(
        string taskId, string leaseId, RawJson? details = null, CancellationToken cancellationToken = default) =>
        PostAsync("tasks/" + Segment(taskId) + "/heartbeat", new TaskHeartbeatRequest { LeaseId = leaseId, Details = details },
            DurqJson.Context.TaskHeartbeatRequest, DurqJson.Context.TaskHeartbeatResponse, cancellationToken);

    /// <summary>Completes a claimed task with its result (<c>POST /tasks/{id}/complete</c>); null sends no <c>result</c>.</summary>
    public Task<TaskResource> CompleteTaskAsync(
        string taskId, string leaseId, RawJson? result = null, CancellationToken cancellationToken = default) =>
        PostAsync("tasks/" + Segment(taskId) + "/complete", new CompleteTaskRequest { LeaseId = leaseId, Result = result },
            DurqJson.Context.CompleteTaskRequest, DurqJson.Context.TaskResource, cancellationToken);

    /// <summary>
    /// Completes up to 500 tasks in one request (<c>POST /tasks/complete</c>). Each completion stands alone: the answer
    /// says, in request order, which completed and which were refused (<c>lease_lost</c>, <c>not_found</c>).
    /// </summary>
    public Task<CompleteTasksResponse> CompleteTasksAsync(
        IReadOnlyList<TaskCompletionInput> completions, CancellationToken cancellationToken = default) =>
        PostAsync("tasks/complete", new CompleteTasksRequest(completions),
            DurqJson.Context.CompleteTasksRequest, DurqJson.Context.CompleteTasksResponse, cancellationToken);

    /// <summary>Reports a failed attempt (<c>POST /tasks/{id}/fail</c>).</summary>
    /// <param name="retryable">False sends the task to the dead-letter queue at once; null leaves the server's default (true).</param>
    public Task<FailTaskResponse> FailTaskAsync(
        string taskId, string leaseId, TaskErrorInput error, bool? retryable = null, CancellationToken cancellationToken = default) =>
        PostAsync("tasks/" + Segment(taskId) + "/fail", new FailTaskRequest { LeaseId = leaseId, Error = error, Retryable = retryable },
            DurqJson.Context.FailTaskRequest, DurqJson.Context.FailTaskResponse, cancellationToken);

    /// <summary>Registers a worker or refreshes its registration (<c>PUT /workers/{id}</c>).</summary>
    public async Task<WorkerResource> RegisterWorkerAsync(
        string workerId, RegisterWorkerRequest request, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Put, WorkerPath(workerId)) { Content = Json(request, DurqJson.Context.RegisterWorkerRequest) };
        return await SendAsync(message, DurqJson.Context.WorkerResource, cancellationToken);
    }

    /// <summary>Tells the server the worker is alive and how busy (<c>POST /workers/{id}/heartbeat</c>); the answer says whether it is draining.</summary>
    public Task<WorkerHeartbeatResponse> HeartbeatWorkerAsync(string workerId, int currentLoad, CancellationToken cancellationToken = default) =>
        PostAsync("workers/" + Segment(workerId) + "/heartbeat", new WorkerHeartbeatRequest(currentLoad),
            DurqJson.Context.WorkerHeartbeatRequest, DurqJson.Context.WorkerHeartbeatResponse, cancellationToken);

    /// <summary>Deregisters a worker; the tasks it holds go back to pending at once (<c>DELETE /workers/{id}</c>).</summary>
    public async Task<DeregisterWorkerResponse> DeregisterWorkerAsync(string workerId, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Delete, WorkerPath(workerId)) { Content = EmptyJson() };
        return await SendAsync(message, DurqJson.Context.DeregisterWorkerResponse, cancellationToken);
    }

    /// <summary>Stops handing the worker new tasks (<c>POST /workers/{id}/drain</c>).</summary>
    public Task<WorkerResource> DrainWorkerAsync(string workerId, CancellationToken cancellationToken = default) =>
        PostAsync("workers/" + Segment(workerId) + "/drain", DurqJson.Context.WorkerResource, cancellationToken);

    /// <summary>Resumes handing a drained worker tasks (<c>POST /workers/{id}/resume</c>).</summary>
    public Task<WorkerResource> ResumeWorkerAsync(string workerId, CancellationToken cancellationToken = default) =>
        PostAsync("workers/" + Segment(workerId) + "/resume", DurqJson.Context.WorkerResource, cancellationToken);

    /// <summary>
    /// A page of workers in id order, with a summary of all the tenant's workers' status, capacity and load
    /// (<c>GET /workers</c>).
    /// </summary>
    /// <param name="limit">1–500; the server's default is 100.</param>
    /// <param name="cursor">The <see cref="WorkerListResponse.NextCursor"/> of the previous page.</param>
    public Task<WorkerListResponse> ListWorkersAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        GetAsync(Api + "workers" + Query(("limit", Number(limit)), ("cursor", cursor)), DurqJson.Context.WorkerListResponse, cancellationToken);

    // Dead letters and operations

    /// <summary>A page of dead tasks, newest first, with their <c>errors</c> (<c>GET /dlq</c>); paging as in <see cref="ListTasksAsync"/>.</summary>
    public Task<TaskListResponse> ListDeadTasksAsync(
        string? activityType = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        GetAsync(
            Api + "dlq" + Query(("activity_type", activityType), ("limit", Number(limit)), ("cursor", cursor)),
            DurqJson.Context.TaskListResponse, cancellationToken);

    /// <summary>Sends one dead task back to pending with its attempts reset (<c>POST /dlq/{id}/retry</c>); 409 <c>not_dead</c> otherwise.</summary>
    public Task<TaskResource> RetryDeadTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        PostAsync("dlq/" + Segment(taskId) + "/retry", DurqJson.Context.TaskResource, cancellationToken);

    /// <summary>
    /// Sends the dead tasks the filter names back to pending (<c>POST /dlq/retry</c>): of an activity type and/or a last
    /// error type, or every one with <see cref="RetryDeadTasksRequest.All"/>.
    /// </summary>
    public Task<RetryDeadTasksResponse> RetryDeadTasksAsync(RetryDeadTasksRequest filter, CancellationToken cancellationToken = default) =>
        PostAsync("dlq/retry", filter, DurqJson.Context.RetryDeadTasksRequest, DurqJson.Context.RetryDeadTasksResponse, cancellationToken);

    /// <summary>Deletes the dead tasks the filter names (<c>POST /dlq/purge</c>), chosen as for <see cref="RetryDeadTasksAsync"/>.</summary>
    public Task<PurgeDeadTasksResponse> PurgeDeadTasksAsync(PurgeDeadTasksRequest filter, CancellationToken cancellationToken = default) =>
        PostAsync("dlq/purge", filter, DurqJson.Context.PurgeDeadTasksRequest, DurqJson.Context.PurgeDeadTasksResponse, cancellationToken);

    /// <summary>Why a task is not running, or what it is doing (<c>GET /tasks/{id}/explain</c>).</summary>
    public Task<TaskExplanationResponse> ExplainTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        GetAsync(Api + "tasks/" + Segment(taskId) + "/explain", DurqJson.Context.TaskExplanationResponse, cancellationToken);

    /// <summary>Deletes a task that is not claimed (<c>DELETE /tasks/{id}</c>); 409 <c>task_claimed</c> for one a worker runs.</summary>
    public async Task DeleteTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Delete, Api + "tasks/" + Segment(taskId)) { Content = EmptyJson() };
        message.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemResponses.ToExceptionAsync(response, cancellationToken);
        }
    }

    // Activity types and circuit breakers

    /// <summary>Every activity type with its live counts, settings and breaker (<c>GET /activity-types</c>).</summary>
    public Task<ActivityTypeListResponse> ListActivityTypesAsync(CancellationToken cancellationToken = default) =>
        GetAsync(Api + "activity-types", DurqJson.Context.ActivityTypeListResponse, cancellationToken);

    /// <summary>
    /// Changes an activity type's settings (<c>PUT /activity-types/{type}</c>). <paramref name="settingsJson"/> is the body
    /// as API.md gives it: a member left out stays as it is, one sent as <c>null</c> is cleared, e.g.
    /// <c>{"max_concurrency":5,"rate_limit":null}</c>.
    /// </summary>
    public async Task<ActivityTypeResource> SetActivityTypeAsync(string activityType, string settingsJson, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Put, Api + "activity-types/" + Segment(activityType))
        {
            Content = new StringContent(settingsJson, System.Text.Encoding.UTF8, "application/json"),
        };
        return await SendAsync(message, DurqJson.Context.ActivityTypeResource, cancellationToken);
    }

    /// <summary>Forces the type's breaker open (<c>POST /circuit-breakers/{type}/open</c>) or closes it (<c>/close</c>).</summary>
    public Task<CircuitResource> SetCircuitBreakerAsync(string activityType, bool open, CancellationToken cancellationToken = default) =>
        PostAsync("circuit-breakers/" + Segment(activityType) + (open ? "/open" : "/close"), DurqJson.Context.CircuitResource, cancellationToken);

    // Schedules

    /// <summary>Creates a recurring task (<c>POST /schedules</c>); 409 <c>schedule_exists</c> for a name the tenant has.</summary>
    public Task<ScheduleResource> CreateScheduleAsync(CreateScheduleRequest schedule, CancellationToken cancellationToken = default) =>
        PostAsync("schedules", schedule, DurqJson.Context.CreateScheduleRequest, DurqJson.Context.ScheduleResource, cancellationToken);

    /// <summary>A page of the tenant's schedules, oldest first (<c>GET /schedules</c>).</summary>
    public Task<ScheduleListResponse> ListSchedulesAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        GetAsync(Api + "schedules" + Query(("limit", Number(limit)), ("cursor", cursor)), DurqJson.Context.ScheduleListResponse, cancellationToken);

    public Task<ScheduleResource> GetScheduleAsync(string scheduleId, CancellationToken cancellationToken = default) =>
        GetAsync(Api + "schedules/" + Segment(scheduleId), DurqJson.Context.ScheduleResource, cancellationToken);

    /// <summary>Pauses a schedule (<c>POST /schedules/{id}/pause</c>) or resumes it from the next fire time after now (<c>/resume</c>).</summary>
    public Task<ScheduleResource> SetSchedulePausedAsync(string scheduleId, bool paused, CancellationToken cancellationToken = default) =>
        PostAsync("schedules/" + Segment(scheduleId) + (paused ? "/pause" : "/resume"), DurqJson.Context.ScheduleResource, cancellationToken);

    /// <summary>Fires a schedule now, under its overlap policy (<c>POST /schedules/{id}/trigger</c>).</summary>
    public Task<ScheduleExecutionResource> TriggerScheduleAsync(string scheduleId, CancellationToken cancellationToken = default) =>
        PostAsync("schedules/" + Segment(scheduleId) + "/trigger", DurqJson.Context.ScheduleExecutionResource, cancellationToken);

    /// <summary>A page of a schedule's executions, newest first (<c>GET /schedules/{id}/executions</c>).</summary>
    public Task<ScheduleExecutionListResponse> ListScheduleExecutionsAsync(
        string scheduleId, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        GetAsync(
            Api + "schedules/" + Segment(scheduleId) + "/executions" + Query(("limit", Number(limit)), ("cursor", cursor)),
            DurqJson.Context.ScheduleExecutionListResponse, cancellationToken);

    /// <summary>Deletes a schedule and its executions (<c>DELETE /schedules/{id}</c>); the tasks it enqueued stay.</summary>
    public async Task DeleteScheduleAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Delete, Api + "schedules/" + Segment(scheduleId)) { Content = EmptyJson() };
        message.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemResponses.ToExceptionAsync(response, cancellationToken);
        }
    }

    /// <summary>Live gauges and cumulative totals (<c>GET /health</c>).</summary>
    public Task<HealthResponse> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync(Api + "health", DurqJson.Context.HealthResponse, cancellationToken);

    /// <summary>
    /// The tenant's metrics time series (<c>GET /metrics/timeseries</c>) over <paramref name="window"/>: <c>15m</c>,
    /// <c>1h</c>, <c>6h</c> or <c>24h</c>; 10 s points, oldest first.
    /// </summary>
    public Task<TimeSeriesResponse> GetTimeSeriesAsync(string window = "1h", CancellationToken cancellationToken = default) =>
        GetAsync(Api + "metrics/timeseries?window=" + Uri.EscapeDataString(window), DurqJson.Context.TimeSeriesResponse, cancellationToken);

    // Plumbing

    private async Task<TResponse> GetAsync<TResponse>(string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(message, responseType, cancellationToken);
    }

    private async Task<TResponse> PostAsync<TResponse>(string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, Api + path) { Content = EmptyJson() };
        return await SendAsync(message, responseType, cancellationToken);
    }

    /// <summary>
    /// No body, marked JSON: a server without keys takes a state change only with that type, the one a web page cannot
    /// send across sites.
    /// </summary>
    private static StringContent EmptyJson() => new("", System.Text.Encoding.UTF8, "application/json");

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        using var message = Post(path, body, requestType);
        return await SendAsync(message, responseType, cancellationToken);
    }

    private static HttpRequestMessage Post<TRequest>(string path, TRequest body, JsonTypeInfo<TRequest> requestType) =>
        new(HttpMethod.Post, Api + path) { Content = Json(body, requestType) };

    private async Task<TResponse> SendAsync<TResponse>(
        HttpRequestMessage message, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        message.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemResponses.ToExceptionAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync(responseType, cancellationToken)
            ?? throw new JsonException($"The server answered {message.Method} {message.RequestUri} with null.");
    }

    // Serialized up front rather than streamed, so the request carries a Content-Length.
    private static ByteArrayContent Json<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private static void AddIdempotencyKey(HttpRequestMessage message, string? key)
    {
        if (key is not null)
        {
            message.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, key);
        }
    }

    private static string WorkerPath(string workerId) => Api + "workers/" + Segment(workerId);

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Query(params ReadOnlySpan<(string Name, string? Value)> parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return query.ToString();
    }
}
