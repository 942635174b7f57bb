package dev.ganservice.quality;

/**
 * Quality cannot be scored for a data set: a file the classifier needs (labels, the test split) is
 * missing or unusable. Jobs still train; their epochs go unscored.
 */
public class QualityUnavailableException extends RuntimeException {

    public QualityUnavailableException(String message) {
        super(message);
    }

    public QualityUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
