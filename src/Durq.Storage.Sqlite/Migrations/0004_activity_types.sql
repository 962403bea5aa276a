-- What an operator set for an activity type (pause, concurrency and rate limits, the circuit breaker's thresholds), and
-- the state enforcing it needs: the rate limit's token bucket and the breaker. A type has a row only once something was
-- set or its breaker moved; claims read the rows of the types they ask for, in their own transaction.
CREATE TABLE durq_activity_types (
    tenant                    TEXT    NOT NULL,
    activity_type             TEXT    NOT NULL,
    paused                    INTEGER NOT NULL DEFAULT 0,
    max_concurrency           INTEGER,
    rate_per_second           REAL,
    rate_burst                INTEGER,
    rate_tokens               REAL,
    rate_refilled_at          INTEGER,
    circuit_failure_threshold INTEGER,
    circuit_open_seconds      INTEGER,
    circuit_state             TEXT    NOT NULL DEFAULT 'closed' CHECK (circuit_state IN ('closed', 'open', 'half_open')),
    circuit_failures          INTEGER NOT NULL DEFAULT 0,
    circuit_opened_at         INTEGER,
    circuit_probe_task_id     TEXT,
    circuit_forced            INTEGER NOT NULL DEFAULT 0,
    circuit_changed_at        INTEGER,
    updated_at                INTEGER NOT NULL,
    PRIMARY KEY (tenant, activity_type)
);
