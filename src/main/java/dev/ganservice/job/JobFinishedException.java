package dev.ganservice.job;

/** A request that needs an active job named one that has already ended. */
public class JobFinishedException extends RuntimeException {

    public JobFinishedException(String id, JobStatus status) {
        super("Job " + id + " has already ended with status " + status + ".");
    }
}
