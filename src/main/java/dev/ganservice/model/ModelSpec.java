package dev.ganservice.model;

/**
 * Everything needed to build the two networks of a GAN: the image shape, the size of the
 * generator's noise vector, Adam's learning rate and beta1, and the seed for weight initialisation.
 */
public record ModelSpec(
        ImageShape image, int latentSize, double learningRate, double beta1, long seed) {

    public ModelSpec {
        if (latentSize < 1) {
            throw new IllegalArgumentException("latentSize must be at least 1: " + latentSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive: " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1): " + beta1);
        }
    }
}
