package dev.ganservice.job;

import dev.ganservice.data.TrainingImagesCache;
import dev.ganservice.storage.CheckpointFiles;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What every job's runner shares: the data cache, checkpoint files, a description of the software
 * for checkpoints, the disk space checkpoints must leave free, the clock, and where to announce
 * saved checkpoints.
 */
record JobResources(
        TrainingImagesCache data,
        CheckpointFiles checkpoints,
        String software,
        long minFreeBytes,
        Clock clock,
        Consumer<Object> events) {}
