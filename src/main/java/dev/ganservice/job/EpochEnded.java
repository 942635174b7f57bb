package dev.ganservice.job;

/** Published when a job has finished an epoch and recorded it in its history. */
public record EpochEnded(String job, EpochSummary epoch) {}
