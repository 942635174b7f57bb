package dev.ganservice.sampling;

import dev.ganservice.imaging.ImageGrid;
import dev.ganservice.imaging.PngEncoder;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.Noise;
import dev.ganservice.training.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws walks through the generator's noise space as a PNG: row {@code r} goes in {@code steps}
 * images from noise vector {@code 2r} to noise vector {@code 2r + 1} of the seed's stream, the same
 * vectors {@code GET /samples} with that seed draws as its images {@code 2r} and {@code 2r + 1}. A
 * row therefore depends on the seed and its number only, not on how many rows or steps are asked
 * for. Generators come from the {@link Sampler}'s cache, and drawing runs within the same {@link
 * SamplingLimiter} as samples.
 */
public final class Interpolator {

    public static final int MIN_STEPS = 2;
    public static final int MAX_STEPS = 32;
    public static final int MAX_ROWS = 16;

    private final Sampler sampler;
    private final SamplingLimiter limiter;

    public Interpolator(Sampler sampler, SamplingLimiter limiter) {
        this.sampler = sampler;
        this.limiter = limiter;
    }

    public Sample interpolate(InterpolationRequest request) {
        LoadedGenerator generator =
                sampler.load(new SampleRequest(1, null, 1, null, request.job(), request.epoch()));
        ImageShape shape = generator.spec().image();
        long width = ImageGrid.width(shape, request.steps(), request.scale());
        long height =
                ImageGrid.height(
                        shape, request.steps() * request.rows(), request.steps(), request.scale());
        checkSize(request, width, height);

        long seed = request.seed() != null ? request.seed() : Seeds.random();
        byte[] png = limiter.run(() -> render(generator, request, shape, seed));

        CheckpointRef source = generator.source();
        return new Sample(png, source.job(), source.epoch(), seed, (int) width, (int) height);
    }

    private static byte[] render(
            LoadedGenerator generator, InterpolationRequest request, ImageShape shape, long seed) {
        int latent = generator.spec().latentSize();
        float[] ends = new Noise(seed, latent).next(2 * request.rows()).ravel().toFloatVector();
        float[] walks = new float[request.rows() * request.steps() * latent];
        int offset = 0;
        for (int row = 0; row < request.rows(); row++) {
            float[] from = slice(ends, 2 * row, latent);
            float[] to = slice(ends, 2 * row + 1, latent);
            for (float[] point : request.path().walk(from, to, request.steps())) {
                System.arraycopy(point, 0, walks, offset, latent);
                offset += latent;
            }
        }

        float[] images =
                generator.generate(
                        Nd4j.create(
                                walks,
                                new long[] {(long) request.rows() * request.steps(), latent},
                                DataType.FLOAT));
        return PngEncoder.encode(ImageGrid.render(images, shape, request.steps(), request.scale()));
    }

    private static float[] slice(float[] vectors, int index, int length) {
        float[] vector = new float[length];
        System.arraycopy(vectors, index * length, vector, 0, length);
        return vector;
    }

    private static void checkSize(InterpolationRequest request, long width, long height) {
        if (width * height > Sampler.MAX_PIXELS) {
            throw new InvalidSampleRequestException(
                    "scale",
                    "An interpolation of "
                            + request.rows()
                            + " rows of "
                            + request.steps()
                            + " steps at scale "
                            + request.scale()
                            + " would be "
                            + width
                            + "x"
                            + height
                            + " pixels; at most "
                            + Sampler.MAX_PIXELS
                            + " pixels are drawn. Lower rows, steps or scale.");
        }
    }
}
