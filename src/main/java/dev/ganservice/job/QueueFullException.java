package dev.ganservice.job;

/** Every worker is busy and the queue is at its bound. */
public class QueueFullException extends RuntimeException {

    public QueueFullException(int workers, int queueCapacity) {
        super(
                "Every worker is busy (gan.workers: "
                        + workers
                        + ") and the queue is full (gan.queue-capacity: "
                        + queueCapacity
                        + "). Try again when a job has finished.");
    }
}
