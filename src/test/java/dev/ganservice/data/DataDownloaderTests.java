package dev.ganservice.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.support.Mirror;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a mirror this test runs on loopback. */
class DataDownloaderTests {

    private static final String IMAGES = "train-images-idx3-ubyte.gz";
    private static final String LABELS = "train-labels-idx1-ubyte.gz";

    @TempDir Path root;

    private final Mirror mirror = new Mirror();
    private final List<String> progress = new ArrayList<>();

    @AfterEach
    void stopMirror() {
        mirror.close();
    }

    @Test
    void downloadsVerifiesAndKeepsEveryFile() throws IOException {
        byte[] images = imagesFile(40);
        byte[] labels = randomBytes(3_000_000);
        mirror.serve(IMAGES, images).serve(LABELS, labels);
        Path folder = root.resolve("data/fashion-mnist");

        downloader(mirror.md5(), folder).download(this::record);

        assertThat(Files.readAllBytes(folder.resolve(IMAGES))).isEqualTo(images);
        assertThat(Files.readAllBytes(folder.resolve(LABELS))).isEqualTo(labels);
        assertThat(TestFolders.names(folder)).containsExactlyInAnyOrder(IMAGES, LABELS);
        assertThat(IdxReader.readImageHeader(folder.resolve(IMAGES)).count()).isEqualTo(40);
        // Progress comes about once a megabyte, and once more at the end.
        List<String> labelProgress =
                progress.stream().filter(line -> line.startsWith(LABELS)).toList();
        assertThat(labelProgress).hasSizeBetween(3, 4).endsWith(LABELS + " 3000000/3000000");
    }

    @Test
    void keepsFilesAlreadyThereAndFetchesOnlyTheMissingOnes() throws IOException {
        byte[] images = imagesFile(10);
        mirror.serve(IMAGES, images).serve(LABELS, randomBytes(100));
        Path folder = Files.createDirectories(root.resolve("data"));
        Files.write(folder.resolve(LABELS), new byte[] {1, 2, 3});

        downloader(mirror.md5(), folder).download(this::record);

        assertThat(Files.readAllBytes(folder.resolve(LABELS))).containsExactly(1, 2, 3);
        assertThat(progress).allMatch(line -> line.startsWith(IMAGES));
    }

    @Test
    void aCorruptFileIsRefusedAndLeavesNothingBehind() {
        byte[] images = imagesFile(10);
        Map<String, String> sums = Map.of(IMAGES, Mirror.md5(images));
        byte[] corrupt = images.clone();
        corrupt[corrupt.length / 2] ^= 0x55;
        mirror.serve(IMAGES, corrupt);
        Path folder = root.resolve("data");

        assertThatThrownBy(() -> downloader(sums, folder).download(this::record))
                .isInstanceOf(DataDownloadException.class)
                .hasMessageContaining(IMAGES)
                .hasMessageContaining("MD5 " + Mirror.md5(corrupt))
                .hasMessageContaining("expected " + Mirror.md5(images));
        assertThat(TestFolders.names(folder)).isEmpty();
    }

    @Test
    void aConnectionDroppedMidFileLeavesNothingBehind() {
        byte[] labels = randomBytes(2_000_000);
        mirror.cutOff(LABELS, labels);
        Path folder = root.resolve("data");

        assertThatThrownBy(
                        () ->
                                downloader(Map.of(LABELS, Mirror.md5(labels)), folder)
                                        .download(this::record))
                .isInstanceOf(DataDownloadException.class)
                .hasMessageContaining(LABELS)
                .hasMessageContaining("failed");
        assertThat(TestFolders.names(folder)).isEmpty();
    }

    @Test
    void aMissingFileOnTheMirrorNamesTheAddressAndStatus() {
        Path folder = root.resolve("data");

        assertThatThrownBy(() -> downloader(Map.of(IMAGES, "00"), folder).download(this::record))
                .isInstanceOf(DataDownloadException.class)
                .hasMessageContaining(mirror.uri() + IMAGES)
                .hasMessageContaining("HTTP 404");
        assertThat(TestFolders.names(folder)).isEmpty();
    }

    private DataDownloader downloader(Map<String, String> md5, Path folder) {
        return new DataDownloader(mirror.uri(), new HashMap<>(md5), folder);
    }

    private void record(String file, long bytes, long total) {
        progress.add(file + " " + bytes + "/" + total);
    }

    private static byte[] imagesFile(int count) {
        try {
            Path file = Files.createTempFile("images", ".gz");
            TestImages.writeRandomIdx(file, count, 7);
            byte[] content = Files.readAllBytes(file);
            Files.delete(file);
            return content;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
