package dev.ganservice.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingImagesCacheTests {

    @TempDir Path folder;

    private final TrainingImagesCache cache = new TrainingImagesCache();

    @Test
    void readsOnlyAsManyImagesAsAskedAndReusesThemForSmallerRequests() throws IOException {
        Path file = TestImages.writeRandomIdx(folder.resolve("images.gz"), 50, 1);

        TrainingImages ten = cache.load(file, 10);
        TrainingImages five = cache.load(file, 5);
        TrainingImages all = cache.load(file, 50);

        assertThat(ten.count()).isEqualTo(10);
        assertThat(five.count()).isEqualTo(5);
        assertThat(all.count()).isEqualTo(50);
        assertThat(cache.load(file, 7).count()).isEqualTo(7);
        int[] first = {0};
        assertThat(five.gather(first, 0, 1)).isEqualTo(all.gather(first, 0, 1));
    }

    @Test
    void readsAFileAgainOnceItChanges() throws IOException {
        Path file = TestImages.writeRandomIdx(folder.resolve("images.gz"), 20, 1);
        TrainingImages before = cache.load(file, 20);

        TestImages.writeRandomIdx(file, 20, 2);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        TrainingImages after = cache.load(file, 20);

        int[] first = {0};
        assertThat(after.gather(first, 0, 1)).isNotEqualTo(before.gather(first, 0, 1));
    }
}
