package dev.ganservice.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Standard normal noise vectors, the generator's input, drawn from a seeded Java generator.
 *
 * <p>Drawing in Java rather than with ND4J's random generator keeps every stream of noise
 * independent of threads and of what else runs in the process, so a seed alone fixes the result.
 */
public final class Noise {

    private final SplittableRandom random;
    private final int latentSize;

    public Noise(long seed, int latentSize) {
        this.random = new SplittableRandom(seed);
        this.latentSize = latentSize;
    }

    /** The next {@code rows} noise vectors, one per row. */
    public INDArray next(int rows) {
        float[] values = new float[rows * latentSize];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {rows, latentSize}, DataType.FLOAT);
    }
}
