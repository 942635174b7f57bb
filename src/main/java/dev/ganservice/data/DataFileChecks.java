package dev.ganservice.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Checks a training data file through before a job is accepted to train on it, so a truncated or
 * corrupt file is refused at once instead of failing the job later. Reading a file through costs a
 * fraction of a second, so the last version (path, size, modification time) that passed is
 * remembered and not read again.
 */
public final class DataFileChecks {

    private record Version(Path file, long size, FileTime modified) {}

    private Version passed;
    private IdxImages.Header header;

    /**
     * The header of an image file whose data is complete.
     *
     * @throws InvalidDataFileException naming the file and what is wrong with it
     */
    public synchronized IdxImages.Header imageHeader(Path file) {
        Version current = versionOf(file);
        if (current.equals(passed)) {
            return header;
        }
        passed = null;
        header = IdxReader.checkImages(file);
        passed = current;
        return header;
    }

    private static Version versionOf(Path file) {
        try {
            Path real = file.toRealPath();
            return new Version(real, Files.size(real), Files.getLastModifiedTime(real));
        } catch (IOException e) {
            throw new InvalidDataFileException(file, "cannot be read (" + e + ")", e);
        }
    }
}
