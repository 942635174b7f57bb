package dev.ganservice.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoints a sample request may use, as files come and go in a real runs folder. */
class CheckpointFinderTests {

    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minusSeconds(3600));

    @TempDir Path root;

    @Test
    void seesANewEpochAndANewJobAsSoonAsTheirFilesAreThere() throws IOException {
        RunsDirectory runs = new RunsDirectory(root);
        CheckpointFinder finder = new CheckpointFinder(runs);
        RunFolder older = runs.create(LocalDateTime.of(2026, 12, 4, 10, 0));
        Files.createFile(older.checkpoint(1));
        assertThat(first(finder)).isEqualTo(new CheckpointRef(older.id(), 1, older.checkpoint(1)));

        Files.createFile(older.checkpoint(2));
        assertThat(first(finder).epoch()).isEqualTo(2);

        RunFolder newer = runs.create(LocalDateTime.of(2026, 12, 4, 11, 0));
        assertThat(first(finder).job())
                .as("a newer job without a checkpoint yet")
                .isEqualTo(older.id());
        Files.createFile(newer.checkpoint(1));
        assertThat(first(finder)).isEqualTo(new CheckpointRef(newer.id(), 1, newer.checkpoint(1)));

        Files.delete(newer.checkpoint(1));
        assertThat(first(finder).job()).isEqualTo(older.id());
    }

    @Test
    void listsAFolderAgainOnlyWhenItHasChanged() throws IOException {
        RunsDirectory runs = new RunsDirectory(root);
        RunFolder folder = runs.create(LocalDateTime.of(2026, 12, 4, 10, 0));
        Files.createFile(folder.checkpoint(1));
        quiet(folder);
        CheckpointFinder finder = new CheckpointFinder(runs);
        assertThat(all(finder)).extracting(CheckpointRef::epoch).containsExactly(1);

        // A file slipped in while the folders' times were put back: only a listing would see it.
        Files.createFile(folder.checkpoint(2));
        quiet(folder);
        assertThat(all(finder)).extracting(CheckpointRef::epoch).containsExactly(1);

        Files.setLastModifiedTime(folder.path(), FileTime.from(Instant.now()));
        assertThat(all(finder)).extracting(CheckpointRef::epoch).containsExactly(2, 1);
    }

    @Test
    void aNamedJobAndEpochMustHaveACheckpoint() throws IOException {
        RunsDirectory runs = new RunsDirectory(root);
        RunFolder folder = runs.create(LocalDateTime.of(2026, 12, 4, 10, 0));
        CheckpointFinder finder = new CheckpointFinder(runs);

        assertThatThrownBy(() -> finder.candidates(folder.id(), null))
                .isInstanceOf(NoCheckpointException.class)
                .hasMessageContaining("has not finished an epoch yet");
        Files.createFile(folder.checkpoint(1));
        Files.createFile(folder.checkpoint(3));
        assertThat(finder.candidates(folder.id(), 3).toList())
                .containsExactly(new CheckpointRef(folder.id(), 3, folder.checkpoint(3)));
        assertThatThrownBy(() -> finder.candidates(folder.id(), 2))
                .isInstanceOf(NoCheckpointException.class)
                .hasMessageContaining("it has epochs [1, 3]");
        assertThatThrownBy(() -> finder.candidates("2026-12-04_09-00-00", null))
                .isInstanceOf(NoCheckpointException.class)
                .hasMessageContaining("No run folder is called '2026-12-04_09-00-00'");
    }

    private void quiet(RunFolder folder) throws IOException {
        Files.setLastModifiedTime(folder.path(), AN_HOUR_AGO);
        Files.setLastModifiedTime(root, AN_HOUR_AGO);
    }

    private static CheckpointRef first(CheckpointFinder finder) {
        return finder.candidates(null, null).findFirst().orElseThrow();
    }

    private static List<CheckpointRef> all(CheckpointFinder finder) {
        return finder.candidates(null, null).toList();
    }
}
