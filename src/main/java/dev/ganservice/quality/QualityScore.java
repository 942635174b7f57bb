package dev.ganservice.quality;

/**
 * One epoch's quality score.
 *
 * @param fid the Fréchet distance between the generator's images and the test split in the
 *     classifier's feature space; lower is better
 * @param seconds how long generating and scoring the images took
 */
public record QualityScore(double fid, double seconds) {}
