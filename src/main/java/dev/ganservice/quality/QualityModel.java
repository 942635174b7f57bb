package dev.ganservice.quality;

import dev.ganservice.model.Noise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained classifier and the statistics of the test split in its feature space: everything needed
 * to score a generator. Any number of jobs may share one; they take turns on the network.
 */
public final class QualityModel {

    /** Images generated and passed through the classifier at once, to bound memory. */
    private static final int CHUNK = 500;

    private final FeatureClassifier classifier;
    private final FeatureStatistics reference;
    private final ClassifierDescription description;
    private final int samples;

    QualityModel(
            FeatureClassifier classifier,
            FeatureStatistics reference,
            ClassifierDescription description,
            int samples) {
        this.classifier = classifier;
        this.reference = reference;
        this.description = description;
        this.samples = samples;
    }

    /**
     * Scores {@code generator}: {@link #samples()} images from noise seeded by {@code seed}, in
     * inference mode, against the test split. The same seed every epoch lets the score follow the
     * generator rather than the noise.
     */
    public QualityScore score(MultiLayerNetwork generator, int latentSize, long seed) {
        long started = System.nanoTime();
        Noise noise = new Noise(seed, latentSize);
        float[] features = new float[samples * FeatureClassifier.FEATURES];
        for (int from = 0; from < samples; from += CHUNK) {
            int count = Math.min(CHUNK, samples - from);
            INDArray images = generator.output(noise.next(count), false);
            float[] chunk = classifier.features(images);
            System.arraycopy(chunk, 0, features, from * FeatureClassifier.FEATURES, chunk.length);
        }
        double fid = distanceTo(features);
        if (!Double.isFinite(fid)) {
            // A diverged generator draws NaN; no number would say anything, and JSON has none.
            throw new IllegalStateException("the generator's images score " + fid);
        }
        return new QualityScore(fid, (System.nanoTime() - started) / 1e9);
    }

    /** The distance of images, one per row with pixels in [-1, 1], to the test split. */
    double distanceTo(INDArray images) {
        return distanceTo(classifier.features(images));
    }

    private double distanceTo(float[] features) {
        return FrechetDistance.between(
                FeatureStatistics.of(features, FeatureClassifier.FEATURES), reference);
    }

    /** Images scored per epoch. */
    public int samples() {
        return samples;
    }

    /** Fraction of the test split the classifier labels correctly. */
    public double testAccuracy() {
        return description.testAccuracy();
    }

    /** The score of {@link #samples()} real training images: as low as a generator can hope for. */
    public double floor() {
        return description.floor();
    }

    FeatureClassifier classifier() {
        return classifier;
    }

    FeatureStatistics reference() {
        return reference;
    }

    ClassifierDescription description() {
        return description;
    }

    QualityModel with(ClassifierDescription changed) {
        return new QualityModel(classifier, reference, changed, samples);
    }
}
