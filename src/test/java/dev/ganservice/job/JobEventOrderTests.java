package dev.ganservice.job;

import static dev.ganservice.job.JobServiceFixture.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Polling;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a job announces while it runs, in the order its worker announces it. */
class JobEventOrderTests {

    @TempDir Path root;

    @Test
    void aJobAnnouncesItsStartItsProgressEachEpochAndItsEnd() throws InterruptedException {
        try (JobServiceFixture fixture = new JobServiceFixture(root)) {
            JobService service = fixture.start();

            String id =
                    service.submit(new JobParameters(2, 16, 100, 2e-4, 0.5, 3, 64, 28, 28, 1)).id();
            awaitStatus(service, id, JobStatus.SUCCEEDED);
            // The status changes just before JobEnded is published, on the trainer's thread.
            Polling.until(
                    () -> fixture.events.stream().anyMatch(JobEnded.class::isInstance),
                    ended -> ended,
                    Duration.ofSeconds(30),
                    "JobEnded");

            // JobAccepted comes from the thread that submitted, so it may come at any point.
            List<String> order = new ArrayList<>();
            for (Object event : fixture.events) {
                String name = event.getClass().getSimpleName();
                boolean repeated = !order.isEmpty() && order.get(order.size() - 1).equals(name);
                if (!name.equals("JobAccepted") && !(repeated && name.equals("JobProgressed"))) {
                    order.add(name);
                }
            }
            assertThat(order)
                    .containsExactly(
                            "JobStarted",
                            "JobProgressed",
                            "EpochEnded",
                            "CheckpointSaved",
                            "JobProgressed",
                            "EpochEnded",
                            "CheckpointSaved",
                            "JobEnded");
            JobStarted started =
                    (JobStarted)
                            fixture.events.stream()
                                    .filter(JobStarted.class::isInstance)
                                    .findFirst()
                                    .orElseThrow();
            assertThat(started.job().status()).isEqualTo(JobStatus.RUNNING);
            assertThat(started.job().id()).isEqualTo(id);
        }
    }
}
