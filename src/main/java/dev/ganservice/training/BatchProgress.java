package dev.ganservice.training;

/**
 * Where training stands after a batch.
 *
 * @param epoch the epoch being trained, from 1
 * @param batch batches finished in this epoch
 * @param batchesPerEpoch batches in a full epoch
 * @param imagesPerSecond throughput over this epoch so far
 * @param secondsLeft estimated time to finish the last epoch, at that throughput
 */
public record BatchProgress(
        int epoch, int batch, int batchesPerEpoch, double imagesPerSecond, double secondsLeft) {}
