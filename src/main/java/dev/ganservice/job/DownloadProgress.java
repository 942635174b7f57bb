package dev.ganservice.job;

/**
 * A download of the data set in progress.
 *
 * @param file the file being fetched
 * @param bytes bytes received so far
 * @param totalBytes the file's size, when the mirror said; null otherwise
 */
public record DownloadProgress(String file, long bytes, Long totalBytes) {}
