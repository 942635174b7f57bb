package dev.ganservice.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RunsDirectoryTests {

    private static final LocalDateTime ACCEPTED = LocalDateTime.of(2026, 12, 4, 16, 37, 5);

    @TempDir Path dir;

    private Path root;
    private RunsDirectory runs;

    @BeforeEach
    void createRunsDirectory() {
        root = dir.resolve("runs");
        runs = new RunsDirectory(root);
    }

    @Test
    void createsItsRootAndKeepsItAbsoluteAndNormal() {
        Path nested = dir.resolve("a").resolve("..").resolve("b").resolve("runs");

        RunsDirectory created = new RunsDirectory(nested);

        assertThat(created.root()).isEqualTo(dir.resolve("b").resolve("runs"));
        assertThat(created.root()).isAbsolute().isDirectory();
    }

    @Test
    void namesNewFolderAfterTheSecondItWasAccepted() throws IOException {
        RunFolder folder = runs.create(ACCEPTED.withNano(999_999_999));

        assertThat(folder.id()).isEqualTo("2026-12-04_16-37-05");
        assertThat(folder.path()).isEqualTo(root.resolve("2026-12-04_16-37-05")).isEmptyDirectory();
    }

    @Test
    void numbersFoldersCreatedInTheSameSecond() throws IOException {
        RunFolder first = runs.create(ACCEPTED);
        RunFolder second = runs.create(ACCEPTED.withNano(1));
        RunFolder third = runs.create(ACCEPTED);

        assertThat(List.of(first.id(), second.id(), third.id()))
                .containsExactly(
                        "2026-12-04_16-37-05", "2026-12-04_16-37-05-2", "2026-12-04_16-37-05-3");
        assertThat(third.path()).isDirectory();
    }

    @Test
    void concurrentCreationInTheSameSecondGivesDistinctFolders() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<RunFolder>> created = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<RunFolder> create =
                        () -> {
                            start.await();
                            return runs.create(ACCEPTED);
                        };
                created.add(pool.submit(create));
            }

            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<RunFolder> folder : created) {
                ids.add(folder.get(10, TimeUnit.SECONDS).id());
            }

            assertThat(ids)
                    .containsExactlyInAnyOrder(
                            "2026-12-04_16-37-05",
                            "2026-12-04_16-37-05-2",
                            "2026-12-04_16-37-05-3",
                            "2026-12-04_16-37-05-4",
                            "2026-12-04_16-37-05-5",
                            "2026-12-04_16-37-05-6",
                            "2026-12-04_16-37-05-7",
                            "2026-12-04_16-37-05-8");
            assertThat(names(root)).hasSize(threads);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listsRunFoldersNewestFirstWithNumberedOnesInNumericOrder() throws IOException {
        for (int sequence = 1; sequence <= 10; sequence++) {
            runs.create(ACCEPTED);
        }
        runs.create(ACCEPTED.plusSeconds(1));
        runs.create(ACCEPTED.plusDays(1));
        runs.create(ACCEPTED.minusYears(1));

        List<String> ids = runs.list().stream().map(RunFolder::id).toList();

        assertThat(ids)
                .containsExactly(
                        "2026-12-05_16-37-05",
                        "2026-12-04_16-37-06",
                        "2026-12-04_16-37-05-10",
                        "2026-12-04_16-37-05-9",
                        "2026-12-04_16-37-05-8",
                        "2026-12-04_16-37-05-7",
                        "2026-12-04_16-37-05-6",
                        "2026-12-04_16-37-05-5",
                        "2026-12-04_16-37-05-4",
                        "2026-12-04_16-37-05-3",
                        "2026-12-04_16-37-05-2",
                        "2026-12-04_16-37-05",
                        "2025-12-04_16-37-05");
    }

    @Test
    void listSkipsFilesAndFoldersThatAreNotRuns() throws IOException {
        RunFolder run = runs.create(ACCEPTED);
        Files.createDirectory(root.resolve("notes"));
        Files.createDirectory(root.resolve("2026-12-04_16-37-05-0"));
        Files.createDirectory(root.resolve(".2026-12-04_16-37-06"));
        Files.createFile(root.resolve("2026-12-04_16-37-07"));

        List<RunFolder> listed = runs.list();

        assertThat(listed).extracting(RunFolder::id).containsExactly(run.id());
        assertThat(listed.get(0).path()).isEqualTo(run.path());
    }

    @Test
    void listOfNewRootIsEmpty() {
        List<RunFolder> listed = runs.list();

        assertThat(listed).isEmpty();
    }

    @Test
    void findsExistingRunFolder() throws IOException {
        RunFolder created = runs.create(ACCEPTED);
        runs.create(ACCEPTED);

        var found = runs.find("2026-12-04_16-37-05-2");

        assertThat(found)
                .hasValueSatisfying(
                        folder -> {
                            assertThat(folder.id()).isEqualTo("2026-12-04_16-37-05-2");
                            assertThat(folder.path())
                                    .isEqualTo(root.resolve("2026-12-04_16-37-05-2"));
                        });
        assertThat(runs.find(created.id())).isPresent();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("notRunIds")
    void findRejectsWhatIsNotARunIdEvenWhereTheFolderExists(String id) throws IOException {
        // Every path these ids could lead to exists, so only the id check keeps them out.
        Files.createDirectories(dir.resolve("escape"));
        Files.createDirectories(root.resolve("2026-12-04_16-37-00").resolve("inner"));
        Files.createDirectories(root.resolve("x"));
        List<String> before = names(dir);

        var found = runs.find(id);

        assertThat(found).isEmpty();
        assertThat(RunsDirectory.isValidId(id)).isFalse();
        assertThat(names(dir)).isEqualTo(before);
    }

    static Stream<String> notRunIds() {
        return Stream.of(
                "../../etc",
                "..",
                ".",
                "../escape",
                "/etc",
                "/tmp",
                "2026-12-04_16-37-00/../x",
                "2026-12-04_16-37-00/inner",
                "2026-12-04_16-37-00/",
                "x",
                "",
                "2026-12-04_16-37-00".repeat(264).substring(0, 5000),
                "2026-12-04_16-37-00-" + "9".repeat(4980),
                "2026-12-04_16-37-00\n",
                " 2026-12-04_16-37-00",
                "2026-12-04_16-37-00-0",
                // The first folder of a second has no suffix; -2 is the second one.
                "2026-12-04_16-37-00-1",
                "2026-12-04_16-37-00-1234567",
                "2026-12-04T16:37:00",
                "\u0662026-12-04_16-37-00");
    }

    @Test
    void findRejectsNull() {
        var found = runs.find(null);

        assertThat(found).isEmpty();
    }

    @Test
    void findDoesNotFindWellFormedIdsWithoutAFolder() throws IOException {
        Files.createFile(root.resolve("2026-12-04_16-37-01"));

        var missing = runs.find("2026-12-04_16-37-00");
        var plainFile = runs.find("2026-12-04_16-37-01");

        assertThat(RunsDirectory.isValidId("2026-12-04_16-37-00")).isTrue();
        assertThat(missing).isEmpty();
        assertThat(plainFile).isEmpty();
    }

    private static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
