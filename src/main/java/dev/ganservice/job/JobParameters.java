package dev.ganservice.job;

import dev.ganservice.model.ImageShape;
import dev.ganservice.training.TrainingParameters;

/**
 * A job's parameters with every default filled in, as recorded in {@code run.json}. The bounds are
 * enforced where requests arrive and are listed in the README.
 *
 * @param limit train on the first this-many images only; null means all of them
 */
public record JobParameters(
        int epochs,
        int batchSize,
        int latentSize,
        double learningRate,
        double beta1,
        long seed,
        Integer limit,
        int width,
        int height,
        int channels) {

    public static final int DEFAULT_EPOCHS = 10;
    public static final int MAX_EPOCHS = 1000;
    public static final int DEFAULT_BATCH_SIZE = 128;
    public static final int MIN_BATCH_SIZE = 2;
    public static final int MAX_BATCH_SIZE = 4096;
    public static final int DEFAULT_LATENT_SIZE = 100;
    public static final int MAX_LATENT_SIZE = 1024;
    public static final double DEFAULT_LEARNING_RATE = 0.0002;
    public static final double DEFAULT_BETA1 = 0.5;
    public static final int MIN_LIMIT = 2;
    public static final int MAX_SIDE = 4096;
    public static final int MAX_CHANNELS = 4;

    public ImageShape image() {
        return new ImageShape(width, height, channels);
    }

    public TrainingParameters training() {
        return new TrainingParameters(
                epochs, batchSize, latentSize, learningRate, beta1, seed, image());
    }
}
