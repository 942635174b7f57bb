package dev.ganservice.training;

import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;

/**
 * How one job trains: the model's hyper-parameters and the length of training.
 *
 * @param epochs full passes over the training images
 * @param batchSize images per discriminator and generator step
 * @param latentSize length of the generator's noise vector
 * @param learningRate Adam's learning rate, for both networks
 * @param beta1 Adam's first-moment decay, for both networks
 * @param seed fixes weights, data order and noise: the same seed gives the same losses
 * @param image the shape of the training images
 */
public record TrainingParameters(
        int epochs,
        int batchSize,
        int latentSize,
        double learningRate,
        double beta1,
        long seed,
        ImageShape image) {

    public TrainingParameters {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1: " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be at least 2: " + batchSize);
        }
    }

    public ModelSpec modelSpec() {
        return new ModelSpec(image, latentSize, learningRate, beta1, seed);
    }
}
