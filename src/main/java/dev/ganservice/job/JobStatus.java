package dev.ganservice.job;

/**
 * Where a training job is in its life: {@code QUEUED} until a worker takes it, {@code RUNNING}
 * while it trains, then one of the terminal states.
 */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** A terminal job never changes again. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** An active job holds a worker or a place in the queue. */
    public boolean isActive() {
        return !isTerminal();
    }
}
