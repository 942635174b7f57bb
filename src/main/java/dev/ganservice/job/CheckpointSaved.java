package dev.ganservice.job;

import java.nio.file.Path;

/**
 * Published after a job has written an epoch's checkpoint and grid, complete and renamed into
 * place.
 *
 * @param seconds how long writing the checkpoint and grid took
 * @param bytes the checkpoint file's size
 */
public record CheckpointSaved(String job, int epoch, Path file, double seconds, long bytes) {}
