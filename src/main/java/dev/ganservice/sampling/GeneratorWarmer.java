package dev.ganservice.sampling;

import dev.ganservice.job.CheckpointSaved;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        loader.execute(
                () -> {
                    try {
                        sampler.warm(ref);
                    } catch (RuntimeException e) {
                        log.warn(
                                "Could not preload the generator of {}: {}",
                                ref.file(),
                                e.getMessage());
                    }
                });
    }

    @PreDestroy
    void stop() {
        loader.shutdownNow();
    }
}
