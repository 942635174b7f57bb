package dev.ganservice.job;

/** Published when a job has been accepted, recorded and queued. */
public record JobAccepted(JobSnapshot job) {}
