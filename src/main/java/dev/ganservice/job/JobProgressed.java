package dev.ganservice.job;

/**
 * Published while a job trains: at the first batch of every epoch, and otherwise at most every
 * {@link JobProgress#ANNOUNCE_INTERVAL}, so that listeners cost training nothing per batch.
 */
public record JobProgressed(JobSnapshot job) {}
