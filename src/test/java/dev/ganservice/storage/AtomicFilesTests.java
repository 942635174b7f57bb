package dev.ganservice.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ganservice.support.SmallDisk;
import dev.ganservice.support.TestFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTests {

    @TempDir Path dir;

    @Test
    void writesNewFileAndNothingElse() throws IOException {
        Path target = dir.resolve("run.json");

        AtomicFiles.write(target, "{\"epochs\":3}".getBytes(UTF_8));

        assertThat(target).hasContent("{\"epochs\":3}");
        assertThat(names(dir)).containsExactly("run.json");
    }

    @Test
    void replacesTheWholeOldContent() throws IOException {
        Path target = Files.writeString(dir.resolve("run.json"), "a much longer old content");

        AtomicFiles.write(target, "new".getBytes(UTF_8));

        assertThat(target).hasContent("new");
        assertThat(names(dir)).containsExactly("run.json");
    }

    @Test
    void writesContentLargerThanItsBuffer() throws IOException {
        Path target = dir.resolve("epoch-001.zip");
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + i / 1000);
        }

        AtomicFiles.write(
                target,
                out -> {
                    out.write(content, 0, 1);
                    out.write(content, 1, content.length - 1);
                });

        assertThat(target).hasBinaryContent(content);
    }

    @Test
    void writesThroughAHiddenTemporaryFileWhileReadersSeeTheOldContent() throws IOException {
        Path target = Files.writeString(dir.resolve("epoch-001.png"), "old");
        List<String> namesWhileWriting = new ArrayList<>();
        List<String> contentWhileWriting = new ArrayList<>();

        AtomicFiles.write(
                target,
                out -> {
                    out.write("new".getBytes(UTF_8));
                    out.flush();
                    namesWhileWriting.addAll(names(dir));
                    contentWhileWriting.add(Files.readString(target));
                });

        assertThat(namesWhileWriting)
                .hasSize(2)
                .contains("epoch-001.png")
                .anySatisfy(
                        name ->
                                assertThat(name)
                                        .startsWith(".epoch-001.png.")
                                        .endsWith(AtomicFiles.TEMPORARY_SUFFIX));
        assertThat(contentWhileWriting).containsExactly("old");
        assertThat(target).hasContent("new");
        assertThat(names(dir)).containsExactly("epoch-001.png");
    }

    @Test
    void writerFailingMidwayLeavesOldContentAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("run.json"), "old");
        IOException diskFull = new IOException("disk full");

        assertThatThrownBy(
                        () ->
                                AtomicFiles.write(
                                        target,
                                        out -> {
                                            out.write("half of the new con".getBytes(UTF_8));
                                            out.flush();
                                            throw diskFull;
                                        }))
                .isSameAs(diskFull);

        assertThat(target).hasContent("old");
        assertThat(names(dir)).containsExactly("run.json");
    }

    @Test
    void writerThrowingUncheckedOnNewFileLeavesNothing() throws IOException {
        Path target = dir.resolve("epoch-002.zip");
        IllegalStateException bug = new IllegalStateException("serialiser bug");

        assertThatThrownBy(
                        () ->
                                AtomicFiles.write(
                                        target,
                                        out -> {
                                            out.write(new byte[100_000]);
                                            throw bug;
                                        }))
                .isSameAs(bug);

        assertThat(target).doesNotExist();
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void aFullDiskLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        assumeTrue(SmallDisk.canMount(), "mounting a tmpfs needs root");
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), 1)) {
            Path target = disk.folder().resolve("epoch-001.zip");
            byte[] old = new byte[100_000];
            Arrays.fill(old, (byte) 7);
            AtomicFiles.write(target, old);

            assertThatThrownBy(() -> AtomicFiles.write(target, new byte[2_000_000]))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("No space left on device");

            assertThat(Files.readAllBytes(target)).isEqualTo(old);
            assertThat(TestFolders.names(disk.folder())).containsExactly("epoch-001.zip");
        }
    }

    @Test
    void resultIsReadableByEveryoneAndWritableByTheOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path fresh = dir.resolve("fresh.json");
        Path replaced = Files.writeString(dir.resolve("replaced.json"), "old");
        Files.setPosixFilePermissions(replaced, PosixFilePermissions.fromString("rw-------"));

        AtomicFiles.write(fresh, new byte[] {1});
        AtomicFiles.write(replaced, new byte[] {2});

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced)))
                .isEqualTo("rw-r--r--");
    }

    private static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
