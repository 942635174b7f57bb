package dev.ganservice.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A generator and the discriminator it is trained against, with the spec they were built from. */
public record Gan(ModelSpec spec, MultiLayerNetwork generator, MultiLayerNetwork discriminator) {

    /** Two freshly initialised networks. */
    public static Gan create(ModelSpec spec) {
        return new Gan(spec, GanNetworks.generator(spec), GanNetworks.discriminator(spec));
    }
}
