using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Server.Wakeups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Durq.Server.Tests;

/// <summary>
/// Wake-ups belong to a tenant: work announced for tenant B, now or due later, wakes B's waiting claims and never
/// tenant A's, for the same activity type. A pulse fires synchronously, so "not woken" is read at once, without waiting.
/// </summary>
public sealed class ClaimWakeupsTests
{
    private const string TenantA = "tenant-a";
    private const string TenantB = "tenant-b";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Work_announced_for_one_tenant_wakes_only_that_tenants_claims()
    {
        var wakeups = new ClaimWakeups(_clock);
        var mine = wakeups.NextSignal(TenantA, ["email.send"]);
        var theirs = wakeups.NextSignal(TenantB, ["email.send"]);

        wakeups.Notify(TenantB, "email.send", visibleAt: null);

        Assert.True(theirs.IsCompleted);
        Assert.False(mine.IsCompleted);
        wakeups.Notify(TenantA, "email.send", visibleAt: null);
        Assert.True(mine.IsCompleted);
    }

    [Fact]
    public async Task A_claim_waiting_for_several_types_is_not_woken_by_another_tenants_work_of_any_of_them()
    {
        var wakeups = new ClaimWakeups(_clock);
        var email = wakeups.NextSignal(TenantA, ["email.send"]);
        var sms = wakeups.NextSignal(TenantA, ["sms.send"]);
        var mine = wakeups.NextSignal(TenantA, ["email.send", "sms.send"]);

        wakeups.Notify(TenantB, "email.send", visibleAt: null);
        wakeups.Notify(TenantB, "sms.send", visibleAt: null);

        // The claim waits on the pulses of its own tenant's types: neither fired, so each is still the pulse it took.
        Assert.Same(email, wakeups.NextSignal(TenantA, ["email.send"]));
        Assert.Same(sms, wakeups.NextSignal(TenantA, ["sms.send"]));
        Assert.False(email.IsCompleted || sms.IsCompleted);
        wakeups.Notify(TenantA, "sms.send", visibleAt: null);
        await WaitUntil.SignalAsync(mine, "the claim of tenant A to wake for its own sms.send work");
    }

    [Fact]
    public void Work_due_later_for_one_tenant_wakes_only_that_tenants_claims_when_it_is_due()
    {
        var wakeups = new ClaimWakeups(_clock);
        var mine = wakeups.NextSignal(TenantA, ["email.send"]);
        var theirs = wakeups.NextSignal(TenantB, ["email.send"]);

        wakeups.Notify(TenantB, "email.send", _clock.GetUtcNow().AddSeconds(5));
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(theirs.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(theirs.IsCompleted);
        Assert.False(mine.IsCompleted);
    }

    [Fact]
    public async Task A_commit_of_one_tenants_work_wakes_only_that_tenants_claims_through_the_relay()
    {
        await using var node = new DurqApiFactory();
        var store = node.Services.GetRequiredService<ITaskStore>();
        var wakeups = node.Services.GetRequiredService<ClaimWakeups>();
        var mine = wakeups.NextSignal(TenantA, ["email.send"]);
        var theirs = wakeups.NextSignal(TenantB, ["email.send"]);
        var now = Rfc3339.ToStoredPrecision(node.Clock.GetUtcNow());
        var task = new NewTask(Guid.CreateVersion7(now), "email.send", "{}",
            new TaskOptions(TaskOptions.DefaultMaxAttempts, TaskOptions.DefaultPriority, 0, now, TaskOptions.DefaultTimeoutSeconds,
                TaskOptions.DefaultHeartbeatTimeoutSeconds, RetryPolicy.Default), null);

        // The store raises WorkCommitted before it answers, so the relay has fired by the time the enqueue returns.
        await store.EnqueueAsync(new EnqueueParams(TenantB, [task], null, 0, now), CancellationToken.None);

        Assert.True(theirs.IsCompleted);
        Assert.False(mine.IsCompleted);
    }
}
