package dev.ganservice.job;

/** A stopped job was queued again, by request or at start-up. */
public record JobResumed(JobSnapshot job) {}
