package dev.ganservice.job;

/** Published once when a job reaches a terminal status: succeeded, failed or cancelled. */
public record JobEnded(JobSnapshot job) {}
