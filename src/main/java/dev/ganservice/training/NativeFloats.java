package dev.ganservice.training;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Direct access to the memory of contiguous float arrays, for loops written in Java. */
final class NativeFloats {

    private NativeFloats() {}

    /** The array's own elements as a buffer; it must be contiguous and hold {@code length}. */
    static FloatBuffer of(INDArray array, int length) {
        if (array.length() != length || array.elementWiseStride() != 1) {
            throw new IllegalArgumentException(
                    "expected a contiguous array of "
                            + length
                            + " values, got "
                            + array.shapeInfoToString());
        }
        return array.data().asNioFloat().slice((int) array.offset(), length);
    }

    /** Overwrites the contiguous array {@code into} with {@code values}. */
    static void write(INDArray into, float[] values) {
        of(into, values.length).put(0, values);
    }
}
