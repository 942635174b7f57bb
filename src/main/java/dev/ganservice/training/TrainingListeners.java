package dev.ganservice.training;

import dev.ganservice.model.Gan;
import java.util.List;

/** Several listeners heard as one, in the order given. */
public final class TrainingListeners implements TrainingListener {

    private final List<TrainingListener> listeners;

    private TrainingListeners(List<TrainingListener> listeners) {
        this.listeners = listeners;
    }

    public static TrainingListener of(TrainingListener... listeners) {
        return new TrainingListeners(List.of(listeners));
    }

    @Override
    public void onEpochStart(int epoch, int batchesPerEpoch) {
        listeners.forEach(listener -> listener.onEpochStart(epoch, batchesPerEpoch));
    }

    @Override
    public void onBatch(BatchProgress progress) {
        listeners.forEach(listener -> listener.onBatch(progress));
    }

    @Override
    public void onEpoch(EpochResult result, Gan gan) {
        listeners.forEach(listener -> listener.onEpoch(result, gan));
    }
}
