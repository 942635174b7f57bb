package dev.ganservice.data;

/** A download of the data set failed; nothing of the failed file was left behind. */
public class DataDownloadException extends RuntimeException {

    public DataDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
