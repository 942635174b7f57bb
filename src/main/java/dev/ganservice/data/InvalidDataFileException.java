package dev.ganservice.data;

import java.nio.file.Path;

/** A data file that is missing, truncated, corrupt or not the kind of file expected. */
public class InvalidDataFileException extends RuntimeException {

    private final transient Path file;

    public InvalidDataFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public InvalidDataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
