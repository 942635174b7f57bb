package dev.ganservice.sampling;

/** A grid of generated images as PNG, and where it came from. */
public record Sample(byte[] png, String job, int epoch, long seed, int width, int height) {}
