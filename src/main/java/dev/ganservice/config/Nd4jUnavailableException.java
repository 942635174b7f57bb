package dev.ganservice.config;

/** Work that needs ND4J arrived while its backend was still loading, or after it failed to. */
public class Nd4jUnavailableException extends RuntimeException {

    public Nd4jUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
