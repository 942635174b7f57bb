package dev.ganservice.sampling;

import dev.ganservice.model.ModelSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generator read from a checkpoint, for sampling only. It draws through {@link
 * GeneratorInference}, which any number of requests may share; a network that path does not know
 * falls back to DL4J's own forward pass, which keeps per-call state and so serves one request at a
 * time.
 */
final class LoadedGenerator {

    private static final Logger log = LoggerFactory.getLogger(LoadedGenerator.class);

    private final CheckpointRef source;
    private final ModelSpec spec;
    private final MultiLayerNetwork network;
    private final GeneratorInference inference;

    LoadedGenerator(CheckpointRef source, ModelSpec spec, MultiLayerNetwork network) {
        this.source = source;
        this.spec = spec;
        this.network = network;
        this.inference = fastPath(source, network);
    }

    CheckpointRef source() {
        return source;
    }

    ModelSpec spec() {
        return spec;
    }

    /** Images for the given noise rows, BatchNorm in inference mode, flattened one per row. */
    float[] generate(INDArray noise) {
        if (inference != null) {
            return inference.output(noise);
        }
        synchronized (network) {
            return network.output(noise, false).ravel().toFloatVector();
        }
    }

    private static GeneratorInference fastPath(CheckpointRef source, MultiLayerNetwork network) {
        try {
            return GeneratorInference.of(network);
        } catch (IllegalArgumentException e) {
            log.warn(
                    "The generator of {} has a layout the fast sampling path does not know ({});"
                            + " sampling it through DL4J instead",
                    source.file(),
                    e.getMessage());
            return null;
        }
    }
}
