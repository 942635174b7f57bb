package dev.ganservice.health;

import dev.ganservice.storage.RunsDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code runsFolder} in the health report and the readiness group: UP while a file can be created
 * and deleted in the runs folder, which is what every job needs first.
 */
@Component("runsFolder")
class RunsFolderHealthIndicator implements HealthIndicator {

    private final RunsDirectory runs;

    RunsFolderHealthIndicator(RunsDirectory runs) {
        this.runs = runs;
    }

    @Override
    public Health health() {
        Path root = runs.root();
        try {
            Path probe = Files.createTempFile(root, ".health-", ".tmp");
            Files.delete(probe);
            return Health.up().withDetail("path", root.toString()).build();
        } catch (IOException | RuntimeException e) {
            return Health.down()
                    .withDetail("path", root.toString())
                    .withDetail("error", "not writable: " + e)
                    .build();
        }
    }
}
