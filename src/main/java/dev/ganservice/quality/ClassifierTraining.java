package dev.ganservice.quality;

import dev.ganservice.config.Software;
import dev.ganservice.data.TrainingImages;
import dev.ganservice.data.TrainingImagesCache;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the quality classifier on a data set's training split, measures its accuracy and the test
 * split's feature statistics, and the floor: everything a {@link QualityModel} holds.
 */
final class ClassifierTraining {

    private static final Logger log = LoggerFactory.getLogger(ClassifierTraining.class);

    /** Seeds the classifier's weights and data order, and the training images of the floor. */
    static final long SEED = 20_261_204L;

    static final String ARCHITECTURE =
            "conv 5x5x16 relu, max pool 2x2, conv 5x5x32 relu, max pool 2x2, dense "
                    + FeatureClassifier.FEATURES
                    + " relu (features), softmax; Adam "
                    + FeatureClassifier.LEARNING_RATE
                    + ", batches of "
                    + FeatureClassifier.TRAINING_BATCH;

    private final TrainingImagesCache images;
    private final int samples;
    private final Clock clock;
    private final Software software;

    ClassifierTraining(TrainingImagesCache images, int samples, Clock clock, Software software) {
        this.images = images;
        this.samples = samples;
        this.clock = clock;
        this.software = software;
    }

    /**
     * A model trained as {@code key} says; empty when {@code stop} turned true meanwhile.
     *
     * @throws QualityUnavailableException when the data cannot be used
     */
    Optional<QualityModel> train(DataFiles data, ClassifierKey key, BooleanSupplier stop) {
        LabelledImages all = data.trainingSet(images);
        LabelledImages test = data.testSet();
        if (test.images().height() != all.images().height()
                || test.images().width() != all.images().width()) {
            throw new QualityUnavailableException(
                    data.testImages() + " holds images of another size than " + data.trainImages());
        }
        LabelledImages subset =
                new LabelledImages(all.images().first(key.trainingImages()), all.labels());
        log.info(
                "Training the quality classifier on {} images of {} for {} epoch(s); jobs wait for"
                        + " it, this once",
                subset.count(),
                data.trainImages(),
                key.epochs());

        long started = System.nanoTime();
        FeatureClassifier classifier =
                FeatureClassifier.create(
                        all.images().height(),
                        all.images().width(),
                        Math.max(all.classes(), test.classes()),
                        SEED);
        if (!classifier.train(subset, key.epochs(), SEED, stop)) {
            log.info("Training the quality classifier stopped with its job; nothing was cached");
            return Optional.empty();
        }
        FeatureClassifier.Evaluation evaluation = classifier.evaluate(test);
        double accuracy = evaluation.accuracy();
        FeatureStatistics reference =
                FeatureStatistics.of(evaluation.features(), FeatureClassifier.FEATURES);
        double seconds = (System.nanoTime() - started) / 1e9;

        ClassifierDescription description =
                new ClassifierDescription(
                        ClassifierDescription.FORMAT,
                        key,
                        FeatureClassifier.FEATURES,
                        accuracy,
                        test.count(),
                        Double.NaN,
                        0,
                        seconds,
                        0,
                        0,
                        null,
                        null,
                        clock.instant(),
                        software.toString());
        QualityModel model =
                withFloor(
                        new QualityModel(classifier, reference, description, samples),
                        all.images(),
                        samples);
        log.info(
                "Quality classifier trained in {} s: test accuracy {} on {} images; floor {} ({}"
                        + " training images against the test split)",
                Math.round(seconds),
                percent(accuracy),
                test.count(),
                round(model.floor()),
                model.description().floorSamples());
        return Optional.of(model);
    }

    /**
     * Measures the floor: the score of as many real training images as a generator's sample, chosen
     * at random with a fixed seed, against the test split.
     */
    static QualityModel withFloor(QualityModel model, TrainingImages training, int samples) {
        int count = Math.min(samples, training.count());
        int[] order = IntStream.range(0, training.count()).toArray();
        Random random = new Random(SEED);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        double floor = model.distanceTo(training.gather(order, 0, count));
        return model.with(model.description().withFloor(floor, count));
    }

    private static String percent(double fraction) {
        return String.format("%.2f %%", 100 * fraction);
    }

    private static String round(double value) {
        return String.format("%.3f", value);
    }
}
