package dev.ganservice.sampling;

/**
 * What {@code GET /samples} asks for.
 *
 * @param count images in the grid
 * @param columns tiles per row; null for a square-ish grid
 * @param scale integer enlargement of every pixel
 * @param seed fixes the noise, so the same request gives the same PNG; null for a fresh one
 * @param job the job whose checkpoint to use; null for the newest job with one
 * @param epoch the epoch of {@code job}; null for its newest checkpoint
 */
public record SampleRequest(
        int count, Integer columns, int scale, Long seed, String job, Integer epoch) {}
