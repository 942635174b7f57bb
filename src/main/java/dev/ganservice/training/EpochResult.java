package dev.ganservice.training;

/**
 * What one epoch did, averaged over its batches.
 *
 * @param epoch the epoch number, from 1
 * @param discriminatorLoss binary cross-entropy on real images plus that on fakes
 * @param generatorLoss binary cross-entropy of the discriminator's verdict on fakes against the
 *     label "real", after the discriminator's step
 * @param realScore D(x): the discriminator's mean probability that a real image is real
 * @param fakeScore D(G(z)): its mean probability that a fake is real, before its step
 * @param images images trained on
 * @param seconds wall-clock time of the epoch
 */
public record EpochResult(
        int epoch,
        double discriminatorLoss,
        double generatorLoss,
        double realScore,
        double fakeScore,
        long images,
        double seconds) {

    public double imagesPerSecond() {
        return seconds > 0 ? images / seconds : 0;
    }
}
