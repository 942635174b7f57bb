package dev.ganservice.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One job's folder under the runs folder, and the names of the files in it: {@code epoch-NNN.zip}
 * (checkpoint), {@code epoch-NNN.png} (grid) and {@code run.json}.
 */
public final class RunFolder {

    public static final String RUN_JSON = "run.json";

    private static final Pattern CHECKPOINT = Pattern.compile("epoch-(\\d{3,6})\\.zip");

    private final String id;
    private final Path path;

    RunFolder(String id, Path path) {
        this.id = id;
        this.path = path;
    }

    /** The folder's name, which is also the id of the job that wrote it. */
    public String id() {
        return id;
    }

    public Path path() {
        return path;
    }

    public Path checkpoint(int epoch) {
        return path.resolve(String.format("epoch-%03d.zip", epoch));
    }

    public Path grid(int epoch) {
        return path.resolve(String.format("epoch-%03d.png", epoch));
    }

    public Path runJson() {
        return path.resolve(RUN_JSON);
    }

    /** Epochs that have a checkpoint file, in ascending order. */
    public List<Integer> checkpointEpochs() {
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> CHECKPOINT.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(match -> Integer.parseInt(match.group(1)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    /**
     * Deletes the temporary files a process left behind when it died in the middle of writing (see
     * {@link AtomicFiles}), and returns their names. Only the service that owns the runs folder may
     * call this, before it starts writing.
     */
    public List<String> deleteLeftovers() {
        List<String> deleted = new ArrayList<>();
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(AtomicFiles.TEMPORARY_SUFFIX)) {
                    Files.deleteIfExists(file);
                    deleted.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + path, e);
        }
        return deleted;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
