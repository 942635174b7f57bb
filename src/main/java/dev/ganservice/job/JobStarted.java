package dev.ganservice.job;

/** Published when a worker has taken a queued job and marked it running. */
public record JobStarted(JobSnapshot job) {}
