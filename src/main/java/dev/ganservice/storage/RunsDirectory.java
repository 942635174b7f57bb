package dev.ganservice.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runs folder: the one place that decides how run folders are named and found.
 *
 * <p>A run folder is named by the local date and time its job was accepted, {@code
 * yyyy-MM-dd_HH-mm-ss}, with {@code -2}, {@code -3}... appended when jobs arrive within the same
 * second. Names that do not match this pattern are never resolved, so a job id from a request can
 * never point outside the runs folder.
 */
public final class RunsDirectory {

    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    /** What a job id, the name of a run folder, looks like. */
    public static final String ID_PATTERN =
            "(\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2})(?:-([2-9]|[1-9]\\d{1,5}))?";

    private static final Pattern ID = Pattern.compile(ID_PATTERN);
    private static final Comparator<String> OLDEST_FIRST =
            Comparator.comparing((String id) -> parse(id).group(1))
                    .thenComparingInt(RunsDirectory::sequence);

    private final Path root;

    public RunsDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new RunsFolderUnavailableException(this.root, e);
        }
    }

    /** Whether {@code id} has the shape of a run folder's name. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public Path root() {
        return root;
    }

    /**
     * Creates a new, empty run folder named after {@code acceptedAt}.
     *
     * @throws RunsFolderUnavailableException when the runs folder cannot be written
     */
    public RunFolder create(LocalDateTime acceptedAt) {
        String base = NAME.format(acceptedAt);
        for (int sequence = 1; ; sequence++) {
            String id = sequence == 1 ? base : base + "-" + sequence;
            try {
                return new RunFolder(id, Files.createDirectory(root.resolve(id)));
            } catch (FileAlreadyExistsException taken) {
                // Another job was accepted in the same second: try the next suffix.
            } catch (IOException e) {
                throw new RunsFolderUnavailableException(root, e);
            }
        }
    }

    /** The run folder called {@code id}, if the id is well formed and the folder exists. */
    public Optional<RunFolder> find(String id) {
        if (!isValidId(id)) {
            return Optional.empty();
        }
        Path path = root.resolve(id);
        return Files.isDirectory(path) ? Optional.of(new RunFolder(id, path)) : Optional.empty();
    }

    /** All run folders, newest first. */
    public List<RunFolder> list() {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(RunsDirectory::isValidId)
                    .sorted(OLDEST_FIRST.reversed())
                    .map(id -> new RunFolder(id, root.resolve(id)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs folder " + root, e);
        }
    }

    private static Matcher parse(String id) {
        Matcher matcher = ID.matcher(id);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a run id: " + id);
        }
        return matcher;
    }

    private static int sequence(String id) {
        String suffix = parse(id).group(2);
        return suffix == null ? 1 : Integer.parseInt(suffix);
    }
}
