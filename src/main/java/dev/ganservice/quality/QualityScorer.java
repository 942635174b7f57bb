package dev.ganservice.quality;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Software;
import dev.ganservice.data.IdxReader;
import dev.ganservice.data.TrainingImages;
import dev.ganservice.data.TrainingImagesCache;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provides the {@link QualityModel} for a data set: the one in memory, the one cached on disk, or
 * one trained now and cached for later starts. Training takes a few minutes on two cores and
 * happens once per data set and settings; jobs that need the model meanwhile wait for it.
 */
public final class QualityScorer {

    private static final Logger log = LoggerFactory.getLogger(QualityScorer.class);

    /** The cache folder's name in the runs folder, unless {@code gan.quality.cache-dir} is set. */
    public static final String DEFAULT_CACHE_FOLDER = ".quality";

    /** Seeds the classifier's weights and data order, and the training images of the floor. */
    static final long SEED = 20_261_204L;

    static final String ARCHITECTURE =
            "conv 5x5x16 relu, max pool 2x2, conv 5x5x32 relu, max pool 2x2, dense "
                    + FeatureClassifier.FEATURES
                    + " relu (features), softmax; Adam "
                    + FeatureClassifier.LEARNING_RATE
                    + ", batches of "
                    + FeatureClassifier.TRAINING_BATCH;

    private final GanProperties.Quality settings;
    private final ClassifierStore store;
    private final TrainingImagesCache images;
    private final Clock clock;
    private final Software software;
    private QualityModel current;

    public QualityScorer(
            GanProperties.Quality settings,
            Path cacheDir,
            JsonMapper json,
            TrainingImagesCache images,
            Clock clock,
            Software software) {
        this.settings = settings;
        this.store = new ClassifierStore(cacheDir, json);
        this.images = images;
        this.clock = clock;
        this.software = software;
    }

    /** Whether epochs are scored at all ({@code gan.quality.enabled}). */
    public boolean enabled() {
        return settings.enabled();
    }

    /** The model most recently prepared, if any: for metrics. */
    public synchronized Optional<QualityModel> current() {
        return Optional.ofNullable(current);
    }

    /**
     * The model for the data set of {@code trainImages}, training it first if no cached one fits.
     * Returns empty when {@code stop} turned true while it trained; nothing is cached then.
     *
     * @throws QualityUnavailableException when the data set lacks labels or a test split, or they
     *     do not fit the training images
     */
    public synchronized Optional<QualityModel> prepare(Path trainImages, BooleanSupplier stop) {
        DataFiles data = DataFiles.beside(trainImages);
        ClassifierKey key = keyFor(data);
        if (current != null && current.description().key().equals(key)) {
            return Optional.of(current);
        }
        QualityModel cached = cached(key);
        if (cached != null) {
            current = withFloorFor(cached, data);
            return Optional.of(current);
        }
        Optional<QualityModel> trained = train(data, key, stop);
        trained.ifPresent(this::save);
        trained.ifPresent(model -> current = model);
        return trained;
    }

    private QualityModel cached(ClassifierKey key) {
        try {
            List<String> leftovers = store.deleteLeftovers();
            if (!leftovers.isEmpty()) {
                log.info("Deleted unfinished files in {}: {}", store.folder(), leftovers);
            }
            QualityModel model = store.load(key, settings.samples());
            log.info(
                    "Loaded the quality classifier from {}: test accuracy {}, floor {}",
                    store.folder(),
                    percent(model.testAccuracy()),
                    round(model.floor()));
            return model;
        } catch (NoSuchFileException e) {
            log.info("No quality classifier is cached in {} yet", store.folder());
        } catch (StaleClassifierException e) {
            log.info(
                    "The quality classifier in {} was trained from {}; training a new one",
                    store.folder(),
                    e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "The quality classifier cached in {} is damaged ({}); training it again",
                    store.folder(),
                    e.getMessage());
        }
        return null;
    }

    private Optional<QualityModel> train(DataFiles data, ClassifierKey key, BooleanSupplier stop) {
        LabelledImages all = labelled(sharedImages(data.trainImages()), data.trainLabels());
        LabelledImages test = labelled(ownImages(data.testImages()), data.testLabels());
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
                        clock.instant(),
                        software.toString());
        QualityModel model =
                withFloor(
                        new QualityModel(classifier, reference, description, settings.samples()),
                        all.images());
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

    private void save(QualityModel model) {
        try {
            store.save(model);
            log.info("Saved the quality classifier in {}", store.folder());
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Cannot save the quality classifier in {} ({}); it serves this process and is"
                            + " trained again after a restart",
                    store.folder(),
                    e.toString());
        }
    }

    /** The cached model, its floor measured again if it was measured with another sample count. */
    private QualityModel withFloorFor(QualityModel model, DataFiles data) {
        if (model.description().floorSamples() == settings.samples()) {
            return model;
        }
        QualityModel measured = withFloor(model, sharedImages(data.trainImages()));
        log.info(
                "Quality floor with {} training images: {}",
                settings.samples(),
                round(measured.floor()));
        try {
            store.saveDescription(measured.description());
        } catch (IOException e) {
            log.warn("Cannot record the new floor in {}: {}", store.folder(), e.toString());
        }
        return measured;
    }

    /**
     * Measures the floor: the score of as many real training images as a generator's sample, chosen
     * at random with a fixed seed, against the test split.
     */
    private QualityModel withFloor(QualityModel model, TrainingImages training) {
        int count = Math.min(settings.samples(), training.count());
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

    private ClassifierKey keyFor(DataFiles data) {
        int available = readOrExplain(() -> IdxReader.readImageHeader(data.trainImages())).count();
        Integer wanted = settings.classifierImages();
        return new ClassifierKey(
                data.versions(),
                wanted == null ? available : Math.min(wanted, available),
                settings.classifierEpochs(),
                SEED,
                ARCHITECTURE);
    }

    /** Training images through the shared cache, which the job that waits uses next. */
    private TrainingImages sharedImages(Path file) {
        return readOrExplain(() -> images.load(file, IdxReader.readImageHeader(file).count()));
    }

    private static TrainingImages ownImages(Path file) {
        return readOrExplain(() -> TrainingImages.of(IdxReader.readImages(file)));
    }

    private static LabelledImages labelled(TrainingImages pixels, Path labels) {
        return readOrExplain(() -> new LabelledImages(pixels, IdxReader.readLabels(labels)));
    }

    /** What {@code read} returns; a data file that cannot be used makes scoring unavailable. */
    private static <T> T readOrExplain(Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            throw new QualityUnavailableException(e.getMessage(), e);
        }
    }

    private static String percent(double fraction) {
        return String.format("%.2f %%", 100 * fraction);
    }

    private static String round(double value) {
        return String.format("%.3f", value);
    }
}
