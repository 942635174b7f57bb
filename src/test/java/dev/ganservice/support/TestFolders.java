package dev.ganservice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Folders and files for tests whose Spring context outlives a single test method. */
public final class TestFolders {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestFolders() {}

    /** A fresh folder under target/, kept after the run so its files can be inspected. */
    public static Path create(String name) {
        try {
            Path parent = Files.createDirectories(Path.of("target", "test-runs"));
            return Files.createTempDirectory(parent, name + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the entries of a folder; an absent folder has none. */
    public static Stream<String> names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
