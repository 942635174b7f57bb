package dev.ganservice.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.config.Software;
import dev.ganservice.data.DataDownloader;
import dev.ganservice.data.IdxImages;
import dev.ganservice.data.TrainingImagesCache;
import dev.ganservice.model.Gan;
import dev.ganservice.quality.QualityModel;
import dev.ganservice.quality.QualityScorer;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import dev.ganservice.support.TestSettings;
import dev.ganservice.training.EpochResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    @Test
    void aScoreThatCannotBeTakenLeavesTheEpochUnscoredButSavedAndRecorded() throws IOException {
        TrainingJob job = job();
        // A classifier for 20x20 images cannot read the 28x28 images this job's generator draws.
        QualityModel mismatched = qualityModelFor(20);

        new EpochCheckpointer(job, resources(0), mismatched)
                .onEpoch(EPOCH, Gan.create(PARAMETERS.training().modelSpec()));

        assertThat(TestFolders.names(job.folder().path()))
                .containsExactlyInAnyOrder("epoch-001.zip", "epoch-001.png");
        assertThat(job.snapshot().history())
                .singleElement()
                .satisfies(
                        epoch -> {
                            assertThat(epoch.checkpoint()).isEqualTo("epoch-001.zip");
                            assertThat(epoch.fid()).isNull();
                            assertThat(epoch.fidSeconds()).isNull();
                        });
        assertThat(events).hasSize(2);
    }

    /** A quality model trained on random {@code side}x{@code side} images with random labels. */
    private QualityModel qualityModelFor(int side) throws IOException {
        Path data = root.resolve("data-" + side);
        Random random = new Random(side);
        for (String split : List.of("train", "t10k")) {
            byte[] pixels = new byte[200 * side * side];
            byte[] labels = new byte[200];
            random.nextBytes(pixels);
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (byte) random.nextInt(10);
            }
            TestImages.writeIdx(
                    data.resolve(split + "-images-idx3-ubyte.gz"),
                    new IdxImages(200, side, side, pixels));
            TestImages.writeLabels(data.resolve(split + "-labels-idx1-ubyte.gz"), labels);
        }
        Nd4jRuntime nd4j = TestSettings.nd4j();
        return new QualityScorer(
                        new GanProperties.Quality(true, 100, null, 1, 200),
                        root.resolve("quality"),
                        JsonMapper.builder().build(),
                        new TrainingImagesCache(),
                        Clock.systemUTC(),
                        new Software("test", nd4j))
                .prepare(data.resolve("train-images-idx3-ubyte.gz"), () -> false)
                .orElseThrow();
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
        return new EpochCheckpointer(job, resources(minFreeBytes), null);
    }

    private JobResources resources(long minFreeBytes) {
        Nd4jRuntime nd4j = TestSettings.nd4j();
        return new JobResources(
                new TrainingImagesCache(),
                new DataDownloader(URI.create("http://127.0.0.1:9/"), Map.of(), root),
                new CheckpointFiles(JsonMapper.builder().build()),
                new Software("test", nd4j),
                nd4j,
                minFreeBytes,
                null,
                Clock.systemUTC(),
                events::add,
                null);
    }
}
