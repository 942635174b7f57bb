package dev.ganservice.job;

/** Every worker is busy and the queue is at its bound. */
public class QueueFullException extends RuntimeException {

    public QueueFullException(int workers, int queueCapacity) {
        super(
                "All "
                        + workers
                        + " workers are busy and "
                        + queueCapacity
                        + " jobs are already"
                        + " queued (gan.queue-capacity). Try again when a job has finished.");
    }
}
