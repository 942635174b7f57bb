package dev.ganservice.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ganservice.config.Software;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.support.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class RunRecorderTests {

    private static final JobParameters PARAMETERS =
            new JobParameters(3, 64, 100, 2e-4, 0.5, 11, 256, 28, 28, 1);

    @TempDir Path root;

    private final RunRecorder recorder =
            new RunRecorder(
                    JsonMapper.builder().build(), new Software("test", TestSettings.nd4j()));

    @Test
    void recordsEachEpochsScoreAndReadsItBack() throws IOException {
        TrainingJob job = job();
        job.epochFinished(epoch(1, 41.5, 3.25));
        job.epochFinished(epoch(2, null, null));

        RunManifest read = recorder.read(job.folder());

        assertThat(read.job().history())
                .extracting(EpochSummary::fid, EpochSummary::fidSeconds)
                .containsExactly(tuple(41.5, 3.25), tuple(null, null));
    }

    @Test
    void readsRunJsonWrittenBeforeEpochsHadScores() throws IOException {
        TrainingJob job = job();
        job.epochFinished(epoch(1, 41.5, 3.25));
        Path runJson = job.folder().runJson();
        String recorded = Files.readString(runJson);
        String older =
                recorded.replaceAll(",\\s*\"fid\"\\s*:\\s*[0-9.]+", "")
                        .replaceAll(",\\s*\"fidSeconds\"\\s*:\\s*[0-9.]+", "");
        assertThat(older).isNotEqualTo(recorded).doesNotContain("fid");
        Files.writeString(runJson, older);

        RunManifest read = recorder.read(job.folder());

        assertThat(read.job().history())
                .singleElement()
                .satisfies(
                        epoch -> {
                            assertThat(epoch.epoch()).isEqualTo(1);
                            assertThat(epoch.fid()).isNull();
                            assertThat(epoch.fidSeconds()).isNull();
                            assertThat(epoch.discriminatorLoss()).isEqualTo(1.2);
                        });
    }

    private TrainingJob job() {
        RunFolder folder =
                new RunsDirectory(root.resolve("runs")).create(LocalDateTime.of(2026, 12, 4, 9, 0));
        TrainingJob job =
                new TrainingJob(
                        folder,
                        PARAMETERS,
                        root.resolve("train-images-idx3-ubyte.gz"),
                        256,
                        Clock.systemUTC(),
                        recorder::record);
        job.persist();
        return job;
    }

    private static EpochSummary epoch(int epoch, Double fid, Double seconds) {
        return new EpochSummary(
                epoch,
                1.2,
                0.9,
                0.6,
                0.4,
                1.5,
                170,
                "epoch-001.zip",
                "epoch-001.png",
                fid,
                seconds);
    }
}
