package dev.ganservice.web;

import static dev.ganservice.job.JobParameters.MAX_BATCH_SIZE;
import static dev.ganservice.job.JobParameters.MAX_CHANNELS;
import static dev.ganservice.job.JobParameters.MAX_EPOCHS;
import static dev.ganservice.job.JobParameters.MAX_LATENT_SIZE;
import static dev.ganservice.job.JobParameters.MAX_SIDE;
import static dev.ganservice.job.JobParameters.MIN_BATCH_SIZE;
import static dev.ganservice.job.JobParameters.MIN_LIMIT;

import dev.ganservice.job.JobParameters;
import dev.ganservice.model.ImageShape;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The body of {@code POST /train}. Every field is optional; a missing one takes its default. Each
 * message states the whole allowed range, so one error tells the client what to send.
 */
@Schema(description = "A training job's parameters; every field is optional.")
public record TrainRequest(
        @Schema(
                        description = "Full passes over the training images.",
                        defaultValue = "10",
                        minimum = "1",
                        maximum = "" + MAX_EPOCHS)
                @Min(value = 1, message = "must be between 1 and " + MAX_EPOCHS)
                @Max(value = MAX_EPOCHS, message = "must be between 1 and " + MAX_EPOCHS)
                Integer epochs,
        @Schema(
                        description = "Images per step; at most the number of training images.",
                        defaultValue = "128",
                        minimum = "" + MIN_BATCH_SIZE,
                        maximum = "" + MAX_BATCH_SIZE)
                @Min(
                        value = MIN_BATCH_SIZE,
                        message = "must be between " + MIN_BATCH_SIZE + " and " + MAX_BATCH_SIZE)
                @Max(
                        value = MAX_BATCH_SIZE,
                        message = "must be between " + MIN_BATCH_SIZE + " and " + MAX_BATCH_SIZE)
                Integer batchSize,
        @Schema(
                        description = "Length of the generator's noise vector.",
                        defaultValue = "100",
                        minimum = "1",
                        maximum = "" + MAX_LATENT_SIZE)
                @Min(value = 1, message = "must be between 1 and " + MAX_LATENT_SIZE)
                @Max(value = MAX_LATENT_SIZE, message = "must be between 1 and " + MAX_LATENT_SIZE)
                Integer latentSize,
        @Schema(
                        description = "Adam's learning rate for both networks.",
                        defaultValue = "0.0002",
                        minimum = "0",
                        exclusiveMinimum = true,
                        maximum = "1")
                @DecimalMin(
                        value = "0",
                        inclusive = false,
                        message = "must be above 0 and at most 1")
                @DecimalMax(value = "1", message = "must be above 0 and at most 1")
                Double learningRate,
        @Schema(
                        description =
                                "Adam's beta1 for both networks. At most 0.9999999: the"
                                        + " optimiser keeps its moments in float, where values"
                                        + " closer to 1 round to 1 and stop learning.",
                        defaultValue = "0.5",
                        minimum = "0",
                        maximum = "0.9999999")
                @DecimalMin(value = "0", message = BETA1_MESSAGE)
                @DecimalMax(value = "0.9999999", message = BETA1_MESSAGE)
                Double beta1,
        @Schema(description = "Fixes weights, data order and noise; random when absent.") Long seed,
        @Schema(
                        description = "Train on at most this many of the first training images.",
                        minimum = "" + MIN_LIMIT)
                @Min(value = MIN_LIMIT, message = "must be at least " + MIN_LIMIT)
                Integer limit,
        @Schema(
                        description = "Image width; must match the data set (28).",
                        defaultValue = "28",
                        minimum = "1",
                        maximum = "" + MAX_SIDE)
                @Min(value = 1, message = "must be between 1 and " + MAX_SIDE)
                @Max(value = MAX_SIDE, message = "must be between 1 and " + MAX_SIDE)
                Integer width,
        @Schema(
                        description = "Image height; must match the data set (28).",
                        defaultValue = "28",
                        minimum = "1",
                        maximum = "" + MAX_SIDE)
                @Min(value = 1, message = "must be between 1 and " + MAX_SIDE)
                @Max(value = MAX_SIDE, message = "must be between 1 and " + MAX_SIDE)
                Integer height,
        @Schema(
                        description = "Colour channels; must match the data set (1).",
                        defaultValue = "1",
                        minimum = "1",
                        maximum = "" + MAX_CHANNELS)
                @Min(value = 1, message = "must be between 1 and " + MAX_CHANNELS)
                @Max(value = MAX_CHANNELS, message = "must be between 1 and " + MAX_CHANNELS)
                Integer channels) {

    static final String BETA1_MESSAGE = "must be at least 0 and at most 0.9999999";

    /** An empty request: every parameter at its default. */
    static TrainRequest defaults() {
        return new TrainRequest(null, null, null, null, null, null, null, null, null, null);
    }

    JobParameters toParameters(long randomSeed) {
        ImageShape image = ImageShape.FASHION_MNIST;
        return new JobParameters(
                or(epochs, JobParameters.DEFAULT_EPOCHS),
                or(batchSize, JobParameters.DEFAULT_BATCH_SIZE),
                or(latentSize, JobParameters.DEFAULT_LATENT_SIZE),
                or(learningRate, JobParameters.DEFAULT_LEARNING_RATE),
                or(beta1, JobParameters.DEFAULT_BETA1),
                or(seed, randomSeed),
                limit,
                or(width, image.width()),
                or(height, image.height()),
                or(channels, image.channels()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
