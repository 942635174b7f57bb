package dev.ganservice.storage;

import java.nio.file.Path;

/** A checkpoint file that is truncated, empty, not a zip, or lacks a part it should have. */
public class UnreadableCheckpointException extends RuntimeException {

    private final transient Path file;

    public UnreadableCheckpointException(Path file, String problem, Throwable cause) {
        super("checkpoint " + file + " cannot be read: " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
