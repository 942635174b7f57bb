package dev.ganservice.job;

/**
 * Where a training job is in its life: {@code QUEUED} until a worker takes it, {@code RUNNING}
 * while it trains, then one of the states in which nothing runs it.
 *
 * <p>{@code INTERRUPTED} is what a {@code QUEUED} or {@code RUNNING} job becomes when the service
 * finds it in a run folder at start-up: the process that ran it died. Interrupted, failed and
 * cancelled jobs can be resumed, which makes them {@code QUEUED} again.
 */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    INTERRUPTED;

    /** Whether the job holds a worker or a place in the queue. */
    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }

    /** Whether nothing runs the job: it ended, or its process died. */
    public boolean isStopped() {
        return !isActive();
    }

    /** Whether {@code POST /train/{id}/resume} may continue the job. */
    public boolean isResumable() {
        return this == INTERRUPTED || this == FAILED || this == CANCELLED;
    }
}
