package dev.ganservice.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

class FusedAdamTests {

    /**
     * The service's settings, then two that a float cannot tell apart from their limits: a learning
     * rate below the smallest float (ND4J then steps by epsilon) and a beta1 that rounds to 1 (the
     * first moment never moves). Sizes leave a partial chunk, on slices that start past the arrays'
     * beginnings.
     */
    @ParameterizedTest
    @MethodSource("settings")
    void matchesNd4jsAdamOpFollowedBySubtractionOnSlices(Adam adamSettings) {
        int length = 3 * 4096 + 123;
        Nd4j.getRandom().setSeed(5);
        INDArray parameters = Nd4j.rand(DataType.FLOAT, length + 200).subi(0.5);
        INDArray state = Nd4j.rand(DataType.FLOAT, 2L * length + 50).muli(1e-3);
        INDArray expectedParameters = parameters.dup();
        INDArray expectedState = state.dup();

        INDArray gradientSlice = slice(Nd4j.zeros(DataType.FLOAT, length + 7), 7, length);

        FusedAdam adam =
                new FusedAdam(
                        slice(parameters, 100, length),
                        gradientSlice,
                        slice(state, 50, length),
                        slice(state, 50 + length, length),
                        adamSettings);
        for (int iteration = 0; iteration < 4; iteration++) {
            INDArray gradients = Nd4j.rand(DataType.FLOAT, length).subi(0.5).muli(0.01);
            gradientSlice.assign(gradients);
            adam.apply(iteration, 0);

            INDArray update = gradients.dup();
            Nd4j.exec(
                    new AdamUpdater(
                            update,
                            slice(expectedState, 50 + length, length),
                            slice(expectedState, 50, length),
                            adamSettings.getLearningRate(),
                            adamSettings.getBeta1(),
                            adamSettings.getBeta2(),
                            adamSettings.getEpsilon(),
                            iteration));
            slice(expectedParameters, 100, length).subi(update);
        }

        assertThat(maxDifference(parameters, expectedParameters)).isLessThan(1e-6);
        assertThat(maxDifference(state, expectedState)).isLessThan(1e-7);
        // Outside the slices nothing moved.
        assertThat(slice(parameters, 0, 100)).isEqualTo(slice(expectedParameters, 0, 100));
        assertThat(parameters.getFloat(length + 150))
                .isEqualTo(expectedParameters.getFloat(length + 150));
    }

    @Test
    void refusesArraysThatAreNotContiguous() {
        INDArray matrix = Nd4j.zeros(DataType.FLOAT, 4, 4);
        INDArray column = matrix.getColumn(1);

        assertThatThrownBy(() -> NativeFloats.of(column, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Adam> settings() {
        return Stream.of(
                new Adam(2e-4, 0.5, 0.999, 1e-8),
                new Adam(1e-300, 0.5, 0.999, 1e-8),
                new Adam(1e-3, 0.99999999, 0.999, 1e-8));
    }

    private static INDArray slice(INDArray array, long from, long length) {
        return array.get(NDArrayIndex.interval(from, from + length));
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
    }
}
