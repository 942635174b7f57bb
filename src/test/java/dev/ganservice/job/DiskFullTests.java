package dev.ganservice.job;

import static dev.ganservice.job.JobServiceFixture.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ganservice.support.SmallDisk;
import dev.ganservice.support.TestFolders;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose runs folder lies on a real, nearly full disk: the first checkpoint fits, the second
 * does not. (EpochCheckpointerTests checks the same refusal without mounting anything.)
 */
class DiskFullTests {

    @TempDir Path root;

    @Test
    void aJobFailsClearlyWhenTheDiskIsFullAndKeepsItsLastCheckpoint()
            throws IOException, InterruptedException {
        assumeTrue(SmallDisk.canMount(), "mounting a tmpfs needs root");
        try (SmallDisk disk = SmallDisk.mount(root.resolve("runs"), 64);
                JobServiceFixture fixture = new JobServiceFixture(root)) {
            JobService service = fixture.start();
            String id =
                    service.submit(new JobParameters(3, 64, 100, 2e-4, 0.5, 3, 128, 28, 28, 1))
                            .id();

            JobSnapshot failed = awaitStatus(service, id, JobStatus.FAILED);

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.error())
                    .contains("Cannot save epoch 2", "not enough disk space", "MB free");
            assertThat(failed.history()).extracting(EpochSummary::epoch).containsExactly(1);
            Path folder = Path.of(failed.runFolder());
            assertThat(TestFolders.names(folder))
                    .containsExactlyInAnyOrder("epoch-001.zip", "epoch-001.png", "run.json");
            fixture.checkpoints().verify(folder.resolve("epoch-001.zip"));
            fixture.checkpoints().read(folder.resolve("epoch-001.zip"));
            assertThat(
                            TestFolders.readJson(folder.resolve("run.json"))
                                    .get("job")
                                    .get("status")
                                    .asString())
                    .isEqualTo("FAILED");
            assertThat(disk.freeBytes()).isPositive();
        }
    }
}
