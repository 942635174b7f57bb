package dev.ganservice.storage;

import dev.ganservice.config.StartupProblem;
import java.nio.file.Path;

/** The runs folder, or a new run folder in it, cannot be created or written. */
public class RunsFolderUnavailableException extends StartupProblem {

    public RunsFolderUnavailableException(Path folder, Exception cause) {
        super(
                "The runs folder "
                        + folder
                        + " cannot be written: "
                        + cause.getClass().getSimpleName()
                        + (cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""),
                "Make " + folder + " a writable folder, or point gan.runs-dir at one.",
                cause);
    }
}
