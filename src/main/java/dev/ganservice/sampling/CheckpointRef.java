package dev.ganservice.sampling;

import java.nio.file.Path;

/** A checkpoint file and the job and epoch it belongs to. */
public record CheckpointRef(String job, int epoch, Path file) {}
