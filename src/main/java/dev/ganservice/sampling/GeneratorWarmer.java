package dev.ganservice.sampling;

import dev.ganservice.job.CheckpointSaved;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads each new checkpoint's generator as soon as it is saved, on a thread of its own, so the
 * first {@code GET /samples} after an epoch does not wait a few hundred milliseconds to read it.
 */
@Component
class GeneratorWarmer {

    private static final Logger log = LoggerFactory.getLogger(GeneratorWarmer.class);

    private final Sampler sampler;
    private final ExecutorService loader =
            Executors.newSingleThreadExecutor(
                    task -> {
                        Thread thread = new Thread(task, "generator-warmer");
                        thread.setDaemon(true);
                        return thread;
                    });

    GeneratorWarmer(Sampler sampler) {
        this.sampler = sampler;
    }

    @EventListener
    void onCheckpointSaved(CheckpointSaved saved) {
        CheckpointRef ref = new CheckpointRef(saved.job(), saved.epoch(), saved.file());
        try {
            loader.execute(() -> warm(ref));
        } catch (RejectedExecutionException e) {
            // The service is shutting down while a job saves its last epoch.
            log.debug("Not preloading {}: the service is stopping", ref.file());
        }
    }

    private void warm(CheckpointRef ref) {
        try {
            sampler.warm(ref);
        } catch (RuntimeException e) {
            log.warn("Could not preload the generator of {}: {}", ref.file(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        loader.shutdownNow();
    }
}
