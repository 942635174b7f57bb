package dev.ganservice.job;

import dev.ganservice.quality.QualityScore;
import dev.ganservice.training.EpochResult;

/**
 * One finished epoch in a job's history.
 *
 * @param discriminatorLoss mean over the epoch of BCE on real images plus BCE on fakes
 * @param generatorLoss mean BCE of the discriminator's verdict on fakes against "real"
 * @param realScore mean D(x)
 * @param fakeScore mean D(G(z))
 * @param checkpoint file name of the epoch's checkpoint in the run folder; null once {@code
 *     gan.checkpoints.keep-last} has deleted it
 * @param grid file name of the epoch's sample grid in the run folder
 * @param fid the epoch's quality score, the Fréchet distance to the test split in the quality
 *     classifier's feature space (lower is better); null when scoring is off, unavailable or
 *     failed, and in histories written before scores existed
 * @param fidSeconds how long scoring the epoch took; null when it was not scored
 */
public record EpochSummary(
        int epoch,
        double discriminatorLoss,
        double generatorLoss,
        double realScore,
        double fakeScore,
        double seconds,
        double imagesPerSecond,
        String checkpoint,
        String grid,
        Double fid,
        Double fidSeconds) {

    EpochSummary withoutCheckpoint() {
        return new EpochSummary(
                epoch,
                discriminatorLoss,
                generatorLoss,
                realScore,
                fakeScore,
                seconds,
                imagesPerSecond,
                null,
                grid,
                fid,
                fidSeconds);
    }

    /** The epoch's summary; {@code quality} is null when it was not scored. */
    static EpochSummary of(
            EpochResult result, String checkpoint, String grid, QualityScore quality) {
        return new EpochSummary(
                result.epoch(),
                result.discriminatorLoss(),
                result.generatorLoss(),
                result.realScore(),
                result.fakeScore(),
                result.seconds(),
                result.imagesPerSecond(),
                checkpoint,
                grid,
                quality == null ? null : quality.fid(),
                quality == null ? null : quality.seconds());
    }
}
