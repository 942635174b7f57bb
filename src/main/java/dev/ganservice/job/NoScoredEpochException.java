package dev.ganservice.job;

/** A job has no epoch with a quality score whose checkpoint is kept, so none is the best. */
public class NoScoredEpochException extends RuntimeException {

    NoScoredEpochException(String id, int finishedEpochs) {
        super(
                "Job "
                        + id
                        + (finishedEpochs == 0
                                ? " has not finished an epoch yet"
                                : " has no scored epoch whose checkpoint is kept")
                        + ". Epochs are scored when gan.quality.enabled is true and the data set"
                        + " has labels and a test split; GET /train/"
                        + id
                        + " shows each epoch's fid.");
    }
}
