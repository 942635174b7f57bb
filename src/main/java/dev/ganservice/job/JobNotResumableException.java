package dev.ganservice.job;

/** A resume request for a job that is active, has succeeded, or whose data has changed. */
public class JobNotResumableException extends RuntimeException {

    public JobNotResumableException(String message) {
        super(message);
    }

    static JobNotResumableException because(String id, JobStatus status) {
        String why =
                status == JobStatus.SUCCEEDED
                        ? "it has finished every epoch"
                        : "it is " + status + " already";
        return new JobNotResumableException(
                "Job "
                        + id
                        + " cannot be resumed: "
                        + why
                        + ". Interrupted, failed and cancelled jobs can be resumed.");
    }
}
