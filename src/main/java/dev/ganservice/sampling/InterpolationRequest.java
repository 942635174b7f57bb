package dev.ganservice.sampling;

/**
 * What {@code GET /samples/interpolation} asks for.
 *
 * @param steps images per row, the two ends included
 * @param rows walks, one per row, each between its own pair of noise vectors
 * @param path straight or along the sphere
 * @param scale integer enlargement of every pixel
 * @param seed fixes the noise vectors; null for fresh ones
 * @param job the job whose checkpoint to use; null for the newest job with one
 * @param epoch the epoch of {@code job}; null for its newest checkpoint
 */
public record InterpolationRequest(
        int steps,
        int rows,
        InterpolationPath path,
        int scale,
        Long seed,
        String job,
        Integer epoch) {}
