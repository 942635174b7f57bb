package dev.ganservice.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.config.Software;
import dev.ganservice.data.DataDownloader;
import dev.ganservice.data.TrainingImagesCache;
import dev.ganservice.model.Gan;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestSettings;
import dev.ganservice.training.EpochResult;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class EpochCheckpointerTests {

    private static final JobParameters PARAMETERS =
            new JobParameters(3, 16, 100, 2e-4, 0.5, 9, null, 28, 28, 1);
    private static final EpochResult EPOCH = new EpochResult(1, 1.2, 0.9, 0.6, 0.4, 64, 0.5);

    @TempDir Path root;

    private final List<Object> events = new ArrayList<>();
    private final List<JobSnapshot> stored = new ArrayList<>();

    @Test
    void savesCheckpointAndGridThenRecordsTheEpochAndAnnouncesIt() {
        TrainingJob job = job();

        checkpointer(job, 0).onEpoch(EPOCH, Gan.create(PARAMETERS.training().modelSpec()));

        assertThat(TestFolders.names(job.folder().path()))
                .containsExactlyInAnyOrder("epoch-001.zip", "epoch-001.png");
        assertThat(job.snapshot().history())
                .singleElement()
                .satisfies(epoch -> assertThat(epoch.checkpoint()).isEqualTo("epoch-001.zip"));
        assertThat(stored).last().satisfies(state -> assertThat(state.history()).hasSize(1));
        assertThat(events).hasSize(2);
        assertThat(events.get(0))
                .isInstanceOfSatisfying(
                        EpochEnded.class,
                        ended -> {
                            assertThat(ended.job()).isEqualTo(job.id());
                            assertThat(ended.epoch().epoch()).isEqualTo(1);
                        });
        assertThat(events.get(1))
                .isInstanceOfSatisfying(
                        CheckpointSaved.class,
                        saved -> {
                            assertThat(saved.file()).isEqualTo(job.folder().checkpoint(1));
                            assertThat(saved.bytes())
                                    .isEqualTo(job.folder().checkpoint(1).toFile().length());
                            assertThat(saved.seconds()).isPositive();
                        });
    }

    @Test
    void refusesToFillTheDiskAndLeavesNothingHalfWritten() {
        TrainingJob job = job();
        long wholeDisk = Long.MAX_VALUE / 2;

        assertThatThrownBy(
                        () ->
                                checkpointer(job, wholeDisk)
                                        .onEpoch(
                                                EPOCH,
                                                Gan.create(PARAMETERS.training().modelSpec())))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("epoch 1")
                .hasMessageContaining("not enough disk space")
                .hasMessageContaining("gan.checkpoints.min-free-space");
        assertThat(TestFolders.names(job.folder().path())).isEmpty();
        assertThat(job.snapshot().history()).isEmpty();
        assertThat(events).isEmpty();
    }

    private TrainingJob job() {
        RunFolder folder =
                new RunsDirectory(root.resolve("runs")).create(LocalDateTime.of(2026, 12, 4, 9, 0));
        return new TrainingJob(
                folder,
                PARAMETERS,
                root.resolve("images.gz"),
                64,
                Clock.systemUTC(),
                job -> stored.add(job.snapshot()));
    }

    private EpochCheckpointer checkpointer(TrainingJob job, long minFreeBytes) {
        Nd4jRuntime nd4j = TestSettings.nd4j();
        JobResources resources =
                new JobResources(
                        new TrainingImagesCache(),
                        new DataDownloader(URI.create("http://127.0.0.1:9/"), Map.of(), root),
                        new CheckpointFiles(JsonMapper.builder().build()),
                        new Software("test", nd4j),
                        nd4j,
                        minFreeBytes,
                        null,
                        Clock.systemUTC(),
                        events::add);
        return new EpochCheckpointer(job, resources);
    }
}
