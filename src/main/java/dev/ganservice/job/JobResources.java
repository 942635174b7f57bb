package dev.ganservice.job;

import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.config.Software;
import dev.ganservice.data.DataDownloader;
import dev.ganservice.data.TrainingImagesCache;
import dev.ganservice.quality.QualityScorer;
import dev.ganservice.storage.CheckpointFiles;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What every job's runner shares: the data cache and downloader, checkpoint files, the software
 * that trains (for checkpoints), the ND4J backend to wait for, the disk space checkpoints must
 * leave free, how many checkpoints to keep (null: all), the clock, where to announce saved
 * checkpoints, and what scores each epoch's generator.
 */
record JobResources(
        TrainingImagesCache data,
        DataDownloader downloader,
        CheckpointFiles checkpoints,
        Software software,
        Nd4jRuntime nd4j,
        long minFreeBytes,
        Integer keepLast,
        Clock clock,
        Consumer<Object> events,
        QualityScorer quality) {}
