package dev.ganservice.quality;

import java.time.Instant;

/**
 * What the cache folder's {@code classifier.json} says about the classifier beside it.
 *
 * @param format the layout of the cache folder; another number means train again
 * @param key what the classifier was trained from
 * @param features size of the feature layer
 * @param testAccuracy fraction of the test split it classifies correctly
 * @param testImages size of the test split
 * @param floor the score of real training images against the test split: what a generator that
 *     draws exactly from the training distribution would get
 * @param floorSamples how many training images the floor was measured with, the number of generated
 *     images each epoch is scored with
 * @param trainingSeconds how long training it took
 * @param modelBytes size of {@code classifier.zip}, so a truncated file is noticed before it is
 *     read
 * @param referenceBytes size of {@code test-features.bin}
 * @param createdAt when it was trained
 * @param software what trained it
 */
record ClassifierDescription(
        int format,
        ClassifierKey key,
        int features,
        double testAccuracy,
        int testImages,
        double floor,
        int floorSamples,
        double trainingSeconds,
        long modelBytes,
        long referenceBytes,
        Instant createdAt,
        String software) {

    static final int FORMAT = 1;

    ClassifierDescription withFloor(double floor, int floorSamples) {
        return new ClassifierDescription(
                format,
                key,
                features,
                testAccuracy,
                testImages,
                floor,
                floorSamples,
                trainingSeconds,
                modelBytes,
                referenceBytes,
                createdAt,
                software);
    }

    ClassifierDescription withSizes(long modelBytes, long referenceBytes) {
        return new ClassifierDescription(
                format,
                key,
                features,
                testAccuracy,
                testImages,
                floor,
                floorSamples,
                trainingSeconds,
                modelBytes,
                referenceBytes,
                createdAt,
                software);
    }
}
