package dev.ganservice.quality;

import java.util.List;

/**
 * What a trained classifier depends on. A cached classifier whose key differs from the one wanted
 * is trained again.
 *
 * @param data the data set's four files as they were when it was trained
 * @param trainingImages how many of the first training images it learnt from
 * @param epochs passes over them
 * @param seed seeds its initial weights and the order of its training images
 * @param architecture its layers, in words
 */
record ClassifierKey(
        List<DataFile> data, int trainingImages, int epochs, long seed, String architecture) {

    /**
     * A data file's version.
     *
     * @param file the real path
     * @param bytes its size
     * @param modified its modification time in milliseconds since 1970
     */
    record DataFile(String file, long bytes, long modified) {}

    /** What differs between this key and {@code other}, in words, for the log. */
    String differenceFrom(ClassifierKey other) {
        if (!data.equals(other.data)) {
            return "other data files (" + other.data + ")";
        }
        if (trainingImages != other.trainingImages || epochs != other.epochs) {
            return other.trainingImages + " images and " + other.epochs + " epoch(s)";
        }
        return "another seed or architecture (" + other.architecture + ")";
    }
}
