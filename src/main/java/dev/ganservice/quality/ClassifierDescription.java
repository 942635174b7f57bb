package dev.ganservice.quality;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

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
 * @param modelSha256 SHA-256 of {@code classifier.zip}, hex, so that damage that keeps the size is
 *     noticed too; null in caches written before it was recorded, which are checked by size only
 * @param referenceSha256 SHA-256 of {@code test-features.bin}, hex, or null as above
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
        String modelSha256,
        String referenceSha256,
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
                modelSha256,
                referenceSha256,
                createdAt,
                software);
    }

    /** The description of these two files' contents. */
    ClassifierDescription withFiles(byte[] model, byte[] reference) {
        return new ClassifierDescription(
                format,
                key,
                features,
                testAccuracy,
                testImages,
                floor,
                floorSamples,
                trainingSeconds,
                model.length,
                reference.length,
                sha256(model),
                sha256(reference),
                createdAt,
                software);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
