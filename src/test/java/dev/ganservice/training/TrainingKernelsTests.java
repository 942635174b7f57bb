package dev.ganservice.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.model.Tanh;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Java passes of a training step against the same arithmetic in ND4J operations. The batches
 * have more rows than one block ({@link RowBlocks}) holds, an odd width, and sit at an offset in a
 * larger array, as the fakes do in the discriminator's input.
 */
class TrainingKernelsTests {

    private static final float SLOPE = 0.25f;
    private static final int ROWS = 77;
    private static final int WIDTH = 301;

    @Test
    void biasAndLeakyReluMatchNd4j() {
        INDArray values = batch(1);
        float[] bias = vector(2);
        INDArray expected = values.dup().addiRowVector(Nd4j.create(bias));
        Nd4j.exec(new LeakyReLU(expected, expected, SLOPE));

        ActivationKernels.addBiasLeakyRelu(values, bias, SLOPE);

        assertThat(largestDifference(values, expected)).isLessThan(1e-6);
    }

    @Test
    void biasAndTanhMatchNd4j() {
        INDArray values = batch(3).muli(3);
        float[] bias = vector(4);
        INDArray expected = Transforms.tanh(values.dup().addiRowVector(Nd4j.create(bias)));

        ActivationKernels.addBiasTanh(values, bias);

        assertThat(largestDifference(values, expected)).isLessThan(1e-6);
    }

    @Test
    void leakyReluDerivativeMatchesNd4jOnBothSidesOfZeroAndAtIt() {
        INDArray outputs = batch(5);
        outputs.putScalar(0, 0, 0f);
        outputs.putScalar(0, 1, Float.MIN_NORMAL);
        outputs.putScalar(0, 2, -Float.MIN_NORMAL);
        INDArray errors = batch(6);
        INDArray expected = errors.dup();
        Nd4j.exec(new LeakyReLUBp(outputs, expected, expected, SLOPE));

        ActivationKernels.leakyReluBackward(outputs, errors, SLOPE);

        assertThat(largestDifference(errors, expected)).isLessThan(1e-6);
        assertThat(ActivationKernels.leakyReluSlope(Float.MIN_NORMAL, SLOPE)).isEqualTo(1f);
        assertThat(ActivationKernels.leakyReluSlope(0f, SLOPE)).isEqualTo(1f);
        assertThat(ActivationKernels.leakyReluSlope(-Float.MIN_NORMAL, SLOPE)).isEqualTo(SLOPE);
        assertThat(ActivationKernels.leakyReluSlope(-1e30f, SLOPE)).isEqualTo(SLOPE);
        assertThat(ActivationKernels.leakyReluSlope(1e30f, SLOPE)).isEqualTo(1f);
    }

    @Test
    void tanhDerivativeIsOneMinusTheOutputSquared() {
        INDArray outputs = Transforms.tanh(batch(7));
        INDArray errors = batch(8);
        INDArray into = Nd4j.zeros(DataType.FLOAT, ROWS, WIDTH);
        INDArray expected = outputs.mul(outputs).rsubi(1).muli(errors);

        ActivationKernels.tanhBackward(outputs, errors, into);

        assertThat(largestDifference(into, expected)).isLessThan(1e-6);
    }

    @Test
    void batchNormForwardMatchesItsDefinition() {
        INDArray values = batch(9).muli(4).addi(1);
        INDArray original = values.dup();
        float[] gamma = vector(10);
        float[] beta = vector(11);
        float[] mean = original.mean(0).toFloatVector();
        INDArray squares = Nd4j.zeros(DataType.FLOAT, ROWS, WIDTH);

        BatchNormKernels.centre(values, mean, squares);
        float[] std = new float[WIDTH];
        float[] variance = squares.mean(0).toFloatVector();
        for (int column = 0; column < WIDTH; column++) {
            std[column] = (float) Math.sqrt(variance[column] + 1e-5);
        }
        INDArray outputs = Nd4j.zeros(DataType.FLOAT, ROWS, WIDTH);
        BatchNormKernels.normaliseLeakyRelu(values, std, gamma, beta, SLOPE, outputs);

        INDArray centred = original.subRowVector(Nd4j.create(mean));
        INDArray normalised = centred.divRowVector(Nd4j.create(std));
        INDArray expected =
                normalised.mulRowVector(Nd4j.create(gamma)).addiRowVector(Nd4j.create(beta));
        Nd4j.exec(new LeakyReLU(expected, expected, SLOPE));
        assertThat(largestDifference(values, normalised)).isLessThan(1e-5);
        assertThat(largestDifference(outputs, expected)).isLessThan(1e-5);
        assertThat(largestDifference(squares, centred.mul(centred))).isLessThan(1e-4);
    }

    @Test
    void batchNormBackwardMatchesItsDefinition() {
        INDArray outputs = batch(12);
        INDArray errors = batch(13);
        INDArray normalised = batch(14);
        INDArray products = Nd4j.zeros(DataType.FLOAT, ROWS, WIDTH);
        INDArray leaky = errors.dup();
        Nd4j.exec(new LeakyReLUBp(outputs, leaky, leaky, SLOPE));

        BatchNormKernels.leakyReluBackward(outputs, errors, normalised, SLOPE, products);

        assertThat(largestDifference(errors, leaky)).isLessThan(1e-6);
        assertThat(largestDifference(products, leaky.mul(normalised))).isLessThan(1e-6);

        float[] gammaMean = vector(15);
        float[] betaMean = vector(16);
        float[] scale = vector(17);
        INDArray expected =
                errors.sub(normalised.mulRowVector(Nd4j.create(gammaMean)))
                        .subiRowVector(Nd4j.create(betaMean))
                        .muliRowVector(Nd4j.create(scale));
        BatchNormKernels.backward(errors, normalised, gammaMean, betaMean, scale);
        assertThat(largestDifference(errors, expected)).isLessThan(1e-5);
    }

    @Test
    void weightGradientIsInputTransposedTimesErrorInDl4jsColumnMajorArray() {
        INDArray input = batch(18);
        INDArray error = Nd4j.rand(DataType.FLOAT, ROWS, 40).subi(0.5);
        INDArray gradient = Nd4j.zeros(DataType.FLOAT, WIDTH, 40).dup('f');

        new WeightGradient(gradient).compute(input, error);

        assertThat(gradient.ordering()).isEqualTo('f');
        assertThat(largestDifference(gradient, input.transpose().mmul(error))).isLessThan(1e-5);
    }

    @Test
    void refusesMatricesThatAreNotRowMajor() {
        INDArray columnMajor = Nd4j.zeros(DataType.FLOAT, 4, 3).dup('f');

        assertThatThrownBy(() -> ActivationKernels.addBiasLeakyRelu(columnMajor, new float[3], 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row-major");
    }

    @Test
    void tanhKernelUsesTheSharedApproximation() {
        INDArray values = Nd4j.create(new float[][] {{0.3f, -2f, 9.5f}});

        ActivationKernels.addBiasTanh(values, new float[] {0f, 0f, 0f});

        assertThat(values.toFloatVector())
                .containsExactly(Tanh.of(0.3f), Tanh.of(-2f), Tanh.of(9.5f));
    }

    /** A batch in the second half of a larger array, as the fakes lie in the discriminator's. */
    private static INDArray batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray both = Nd4j.rand(DataType.FLOAT, 2L * ROWS, WIDTH).subi(0.5).muli(2);
        return both.get(NDArrayIndex.interval(ROWS, 2 * ROWS), NDArrayIndex.all());
    }

    private static float[] vector(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, WIDTH).subi(0.5).toFloatVector();
    }

    private static double largestDifference(INDArray actual, INDArray expected) {
        return Transforms.abs(actual.sub(expected)).maxNumber().doubleValue();
    }
}
