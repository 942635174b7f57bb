package dev.ganservice.training;

import dev.ganservice.model.Gan;

/**
 * Hears what a {@link GanTrainer} does. The trainer calls it on its own thread; an exception thrown
 * here stops training and reaches the trainer's caller.
 */
public interface TrainingListener {

    /** Called once an epoch's data order is fixed and before its first batch. */
    default void onEpochStart(int epoch, int batchesPerEpoch) {}

    default void onBatch(BatchProgress progress) {}

    /**
     * Called after every finished epoch, whatever its losses, with the networks as they stand; a
     * listener that keeps them must copy them.
     */
    default void onEpoch(EpochResult result, Gan gan) {}
}
