package dev.ganservice.job;

/** A request that needs a queued or running job named one that nothing runs. */
public class JobFinishedException extends RuntimeException {

    public JobFinishedException(String id, JobStatus status) {
        super("Job " + id + " is not queued or running: its status is " + status + ".");
    }
}
