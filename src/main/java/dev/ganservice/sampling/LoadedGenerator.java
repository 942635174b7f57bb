package dev.ganservice.sampling;

import dev.ganservice.model.ModelSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A generator read from a checkpoint, for sampling only. DL4J networks keep per-call state, so one
 * network serves one request at a time.
 */
final class LoadedGenerator {

    private final CheckpointRef source;
    private final ModelSpec spec;
    private final MultiLayerNetwork network;

    LoadedGenerator(CheckpointRef source, ModelSpec spec, MultiLayerNetwork network) {
        this.source = source;
        this.spec = spec;
        this.network = network;
    }

    CheckpointRef source() {
        return source;
    }

    ModelSpec spec() {
        return spec;
    }

    /** Images for the given noise rows, BatchNorm in inference mode, flattened one per row. */
    synchronized float[] generate(INDArray noise) {
        return network.output(noise, false).ravel().toFloatVector();
    }
}
