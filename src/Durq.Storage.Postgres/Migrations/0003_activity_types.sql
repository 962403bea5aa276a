-- What an operator set for an activity type (pause, concurrency and rate limits, the circuit breaker's thresholds), and
-- the state enforcing it needs: the rate limit's token bucket and the breaker. A type has a row only once something was
-- set or its breaker moved; claims read the rows of the types they ask for, in their own transaction, which already
-- holds the tenant's count row lock (durq_queue_counts): so claims of one tenant on every node see each other's
-- claims and tokens, and no node overshoots a limit.
CREATE TABLE durq_activity_types (
    tenant                    text             NOT NULL,
    activity_type             text             NOT NULL,
    paused                    boolean          NOT NULL DEFAULT false,
    max_concurrency           integer,
    rate_per_second           double precision,
    rate_burst                integer,
    rate_tokens               double precision,
    rate_refilled_at          timestamptz,
    circuit_failure_threshold integer,
    circuit_open_seconds      integer,
    circuit_state             text             NOT NULL DEFAULT 'closed' CHECK (circuit_state IN ('closed', 'open', 'half_open')),
    circuit_failures          integer          NOT NULL DEFAULT 0,
    circuit_opened_at         timestamptz,
    circuit_probe_task_id     uuid,
    circuit_forced            boolean          NOT NULL DEFAULT false,
    circuit_changed_at        timestamptz,
    updated_at                timestamptz      NOT NULL,
    PRIMARY KEY (tenant, activity_type)
);
