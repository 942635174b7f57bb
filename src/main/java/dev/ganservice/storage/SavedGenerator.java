package dev.ganservice.storage;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A generator read from a checkpoint, with the description it was saved under. */
public record SavedGenerator(CheckpointInfo info, MultiLayerNetwork network) {}
