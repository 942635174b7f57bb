package dev.ganservice.live;

/**
 * An epoch's fixed-noise grid as saved in its job's run folder.
 *
 * @param png the file's bytes
 * @param etag a strong entity tag derived from those bytes, quotes included
 */
public record EpochGrid(byte[] png, String etag) {}
