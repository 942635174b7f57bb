package dev.ganservice.live;

import dev.ganservice.job.EpochSummary;
import dev.ganservice.job.JobSnapshot;
import java.util.Locale;

/**
 * One event of a job's event stream: its type, which is also the event's name on the wire, and the
 * record sent as its JSON data (none for a heartbeat).
 */
public record StreamEvent(Type type, Object data) {

    /** What an event says. */
    public enum Type {
        /**
         * The whole job, as {@code GET /train/{id}} shows it: first, and at every status change.
         */
        STATUS,
        /** How far the job has trained: a {@link ProgressUpdate}. */
        PROGRESS,
        /** A finished epoch, as its entry in the job's history. */
        EPOCH,
        /** Nothing: a comment line that keeps an idle connection open. */
        HEARTBEAT;

        /** The event's name on the wire, {@code status}, {@code progress} or {@code epoch}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static StreamEvent status(JobSnapshot job) {
        return new StreamEvent(Type.STATUS, job);
    }

    static StreamEvent progress(JobSnapshot job) {
        return new StreamEvent(Type.PROGRESS, ProgressUpdate.of(job));
    }

    static StreamEvent epoch(EpochSummary epoch) {
        return new StreamEvent(Type.EPOCH, epoch);
    }

    static StreamEvent heartbeat() {
        return new StreamEvent(Type.HEARTBEAT, null);
    }
}
