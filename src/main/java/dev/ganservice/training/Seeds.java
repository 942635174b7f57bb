package dev.ganservice.training;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Derives independent seeds from a job's seed, so that each epoch's data order and noise depend on
 * nothing but the job's seed and the epoch number. Resuming at epoch n therefore needs no saved
 * random state.
 */
public final class Seeds {

    /** Streams of randomness a job uses. */
    public enum Stream {
        DATA_ORDER,
        TRAINING_NOISE,
        GRID_NOISE
    }

    /** Random seeds stay below this, so JavaScript clients read them back exactly. */
    public static final long RANDOM_BOUND = 1L << 53;

    private Seeds() {}

    /**
     * A fresh seed for a request that gave none, in [0, 2^53): a JSON number that every client,
     * JavaScript's doubles included, can copy back without losing digits.
     */
    public static long random() {
        return ThreadLocalRandom.current().nextLong(RANDOM_BOUND);
    }

    public static long derive(long seed, Stream stream, int epoch) {
        long mixed = seed;
        mixed = mix(mixed + 0x9E37_79B9_7F4A_7C15L * (stream.ordinal() + 1));
        return mix(mixed + 0xBF58_476D_1CE4_E5B9L * epoch);
    }

    /** SplitMix64's finaliser: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
