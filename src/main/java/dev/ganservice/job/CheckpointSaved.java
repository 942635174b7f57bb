package dev.ganservice.job;

import java.nio.file.Path;

/** Published after a job has written an epoch's checkpoint, complete and renamed into place. */
public record CheckpointSaved(String job, int epoch, Path file) {}
