package dev.ganservice.training;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam and the parameter update in one pass over one of DL4J's updater blocks, with the same
 * formula as ND4J's {@code adam_updater} op.
 *
 * <p>ND4J's op writes the update into the gradient and a second op subtracts it, and on this
 * machine the op itself ran at a fraction of memory speed: about 7 ms of CPU for the
 * discriminator's 1.46 million parameters, where this takes under 2 ms on one thread. The work is
 * cut into chunks copied into small Java arrays, because loops over arrays are what the JIT turns
 * into SIMD instructions; the chunks run on the common fork-join pool and the calling thread, so
 * both cores work while ND4J is idle.
 */
final class FusedAdam {

    private static final int CHUNK = 4096;

    private static final ThreadLocal<float[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new float[4][CHUNK]);

    private final FloatBuffer parameters;
    private final FloatBuffer gradients;
    private final FloatBuffer firstMoments;
    private final FloatBuffer secondMoments;
    private final Adam config;
    private final int length;

    /**
     * @param parameters the block's slice of the parameters
     * @param gradients the block's slice of the gradients, already averaged over the batch
     * @param firstMoments Adam's first moments for the block, in DL4J's updater state
     * @param secondMoments Adam's second moments for the block, in DL4J's updater state
     */
    FusedAdam(
            INDArray parameters,
            INDArray gradients,
            INDArray firstMoments,
            INDArray secondMoments,
            Adam config) {
        this.length = (int) parameters.length();
        this.parameters = NativeFloats.of(parameters, length);
        this.gradients = NativeFloats.of(gradients, length);
        this.firstMoments = NativeFloats.of(firstMoments, length);
        this.secondMoments = NativeFloats.of(secondMoments, length);
        this.config = config;
    }

    /** Updates moments and parameters for DL4J's {@code iteration} (counted from 0). */
    void apply(int iteration, int epoch) {
        float beta1 = (float) config.getBeta1();
        float beta2 = (float) config.getBeta2();
        float epsilon = (float) config.getEpsilon();
        // In float, as ND4J's op computes it, and from the same float betas the moments use.
        float learningRate = (float) config.getLearningRate(iteration, epoch);
        float corrected =
                learningRate
                        * (float) Math.sqrt(1 - (float) Math.pow(beta2, iteration + 1))
                        / (1 - (float) Math.pow(beta1, iteration + 1));
        // ND4J's op falls back to epsilon when the bias correction is not a usable number.
        float stepSize = Float.isFinite(corrected) && corrected != 0 ? corrected : epsilon;

        int chunks = (length + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks)
                .parallel()
                .forEach(chunk -> applyChunk(chunk * CHUNK, beta1, beta2, epsilon, stepSize));
    }

    private void applyChunk(int from, float beta1, float beta2, float epsilon, float stepSize) {
        int count = Math.min(CHUNK, length - from);
        float[][] scratch = SCRATCH.get();
        float[] p = scratch[0];
        float[] g = scratch[1];
        float[] m = scratch[2];
        float[] v = scratch[3];
        parameters.get(from, p, 0, count);
        gradients.get(from, g, 0, count);
        firstMoments.get(from, m, 0, count);
        secondMoments.get(from, v, 0, count);

        float keep1 = 1 - beta1;
        float keep2 = 1 - beta2;
        for (int i = 0; i < count; i++) {
            float gradient = g[i];
            float first = beta1 * m[i] + gradient * keep1;
            float second = beta2 * v[i] + gradient * gradient * keep2;
            m[i] = first;
            v[i] = second;
            p[i] -= first * stepSize / ((float) Math.sqrt(second) + epsilon);
        }

        parameters.put(from, p, 0, count);
        firstMoments.put(from, m, 0, count);
        secondMoments.put(from, v, 0, count);
    }
}
