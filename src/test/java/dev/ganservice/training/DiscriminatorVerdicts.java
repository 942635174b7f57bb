package dev.ganservice.training;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Records the discriminator's output probabilities during its training passes.
 *
 * <p>DL4J's gradient methods do not return the network's output, and a second forward pass only to
 * read it would cost a tenth of each batch. DL4J hands its listeners the activations that enter the
 * output layer, so this listener applies the output layer (256 weights and a bias, then the
 * sigmoid) to them: the same numbers, for almost nothing.
 */
final class DiscriminatorVerdicts extends BaseTrainingListener {

    private float[] last = new float[0];

    /** Probabilities, one per input row, from the most recent forward pass. */
    float[] last() {
        return last;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        Layer output = ((MultiLayerNetwork) model).getOutputLayer();
        INDArray features = activations.get(activations.size() - 1);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray logits =
                    features.mmul(output.getParam("W")).addiRowVector(output.getParam("b"));
            last = Transforms.sigmoid(logits, false).toFloatVector();
        }
    }
}
