package dev.ganservice.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTests {

    @TempDir Path dir;

    private RunFolder folder;

    @BeforeEach
    void createRunFolder() throws IOException {
        folder = new RunsDirectory(dir).create(LocalDateTime.of(2026, 12, 4, 16, 37, 0));
    }

    @Test
    void namesItsFilesInsideTheFolder() {
        Path path = folder.path();

        assertThat(folder.checkpoint(1)).isEqualTo(path.resolve("epoch-001.zip"));
        assertThat(folder.grid(1)).isEqualTo(path.resolve("epoch-001.png"));
        assertThat(folder.checkpoint(42)).isEqualTo(path.resolve("epoch-042.zip"));
        assertThat(folder.grid(999)).isEqualTo(path.resolve("epoch-999.png"));
        assertThat(folder.checkpoint(1000)).isEqualTo(path.resolve("epoch-1000.zip"));
        assertThat(folder.runJson()).isEqualTo(path.resolve("run.json"));
        assertThat(folder.toString()).isEqualTo(path.toString());
    }

    @Test
    void newFolderHasNoCheckpoints() {
        List<Integer> epochs = folder.checkpointEpochs();

        assertThat(epochs).isEmpty();
    }

    @Test
    void listsCheckpointEpochsAscendingIgnoringOtherFiles() throws IOException {
        for (String name :
                List.of(
                        "epoch-010.zip",
                        "epoch-002.zip",
                        "epoch-1000.zip",
                        "epoch-100.zip",
                        "epoch-001.png",
                        "run.json",
                        ".epoch-003.zip.81723.tmp",
                        "epoch-01.zip",
                        "epoch-004.zip.bak",
                        "epoch-abc.zip",
                        "EPOCH-005.ZIP",
                        "epoch-0000006.zip",
                        "epoch-007.zip.tmp")) {
            Files.createFile(folder.path().resolve(name));
        }

        List<Integer> epochs = folder.checkpointEpochs();

        assertThat(epochs).containsExactly(2, 10, 100, 1000);
    }

    @Test
    void findsTheCheckpointsItNamed() throws IOException {
        for (int epoch : new int[] {1000, 7, 999, 1}) {
            Files.createFile(folder.checkpoint(epoch));
            Files.createFile(folder.grid(epoch));
        }

        List<Integer> epochs = folder.checkpointEpochs();

        assertThat(epochs).containsExactly(1, 7, 999, 1000);
    }

    @Test
    void ignoresACheckpointStillBeingWritten() throws IOException {
        AtomicFiles.write(folder.checkpoint(2), new byte[] {2});
        List<List<Integer>> whileWriting = new ArrayList<>();

        AtomicFiles.write(
                folder.checkpoint(3),
                out -> {
                    out.write(3);
                    out.flush();
                    whileWriting.add(folder.checkpointEpochs());
                });

        assertThat(whileWriting).containsExactly(List.of(2));
        assertThat(folder.checkpointEpochs()).containsExactly(2, 3);
    }

    @Test
    void listingAVanishedFolderFailsNamingIt() throws IOException {
        Files.delete(folder.path());

        assertThatExceptionOfType(UncheckedIOException.class)
                .isThrownBy(folder::checkpointEpochs)
                .withMessageContaining(folder.path().toString());
    }
}
