package dev.ganservice.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.NoOpUpdater;

/**
 * A DL4J network seen as flat arrays: views of its parameters, a gradient array laid out the same
 * way, and DL4J's own updater blocks holding the Adam state.
 *
 * <p>The training passes write gradients here and {@link #applyGradients()} updates the network
 * exactly as DL4J's {@code fit} would after its own backward pass: each updater block turns its
 * slice of the gradient into an update (Adam, or nothing for BatchNorm's running statistics, whose
 * "gradients" are already the change to subtract), then the whole update is subtracted from the
 * parameters. So a checkpoint stays an ordinary DL4J model with its updater state.
 */
final class TrainableNetwork {

    private final MultiLayerNetwork network;
    private final INDArray gradients;
    private final List<Runnable> blockUpdates = new ArrayList<>();

    TrainableNetwork(MultiLayerNetwork network) {
        this.network = network;
        this.gradients = Nd4j.zeros(network.params().dataType(), network.params().shape());

        BaseMultiLayerUpdater<?> updater = (BaseMultiLayerUpdater<?>) network.getUpdater();
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            blockUpdates.add(
                    blockUpdate(
                            block.getGradientUpdater(),
                            slice(params(), block.getParamOffsetStart(), block.getParamOffsetEnd()),
                            slice(
                                    gradients,
                                    block.getParamOffsetStart(),
                                    block.getParamOffsetEnd())));
        }
    }

    /**
     * How one updater block's gradients become its parameters' change: Adam fused with the
     * subtraction; BatchNorm's running statistics (DL4J gives them a no-op updater) subtract their
     * change as it is; anything else through DL4J's updater, then subtracted.
     */
    private Runnable blockUpdate(
            GradientUpdater<?> updater, INDArray parameters, INDArray blockGradients) {
        if (updater instanceof AdamUpdater adam) {
            FusedAdam fused =
                    new FusedAdam(
                            parameters, blockGradients, adam.getM(), adam.getV(), adam.getConfig());
            return () -> fused.apply(network.getIterationCount(), network.getEpochCount());
        }
        if (updater instanceof NoOpUpdater) {
            return () -> parameters.subi(blockGradients);
        }
        return () -> {
            updater.applyUpdater(
                    blockGradients, network.getIterationCount(), network.getEpochCount());
            parameters.subi(blockGradients);
        };
    }

    MultiLayerNetwork network() {
        return network;
    }

    /** The live parameter {@code name} of layer {@code layer}. */
    INDArray parameter(int layer, String name) {
        return network.getLayer(layer).getParam(name);
    }

    /** The slice of the gradient array that belongs to that parameter, in the parameter's shape. */
    INDArray gradient(int layer, String name) {
        long offset = 0;
        for (int i = 0; i < layer; i++) {
            offset += network.getLayer(i).numParams();
        }

        Layer owner = network.getLayer(layer);
        for (Map.Entry<String, INDArray> entry : owner.paramTable().entrySet()) {
            INDArray parameter = entry.getValue();
            if (entry.getKey().equals(name)) {
                INDArray view =
                        slice(gradients, offset, offset + parameter.length())
                                .reshape(parameter.ordering(), parameter.shape());
                return requireView(view, name);
            }
            offset += parameter.length();
        }
        throw new IllegalArgumentException("layer " + layer + " has no parameter " + name);
    }

    /**
     * Turns the gradients into updates with DL4J's updaters, subtracts them and counts the
     * iteration, as DL4J's {@code fit} does.
     */
    void applyGradients() {
        for (Runnable update : blockUpdates) {
            update.run();
        }
        network.setIterationCount(network.getIterationCount() + 1);
    }

    private INDArray params() {
        return network.params();
    }

    private INDArray slice(INDArray array, long from, long to) {
        INDArray flat = array.reshape(array.length());
        return flat.get(NDArrayIndex.interval(from, to));
    }

    /** A copy would silently drop what is written into it, so only true views are accepted. */
    private INDArray requireView(INDArray view, String what) {
        long start = gradients.data().address();
        long end = start + gradients.length() * gradients.data().getElementSize();
        long address = view.data().address() + view.offset() * view.data().getElementSize();
        if (address < start || address >= end || view.length() > gradients.length()) {
            throw new IllegalStateException(what + " is not a view of the gradient array");
        }
        return view;
    }
}
