package dev.ganservice.quality;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Software;
import dev.ganservice.data.TrainingImagesCache;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
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

    private final GanProperties.Quality settings;
    private final ClassifierStore store;
    private final TrainingImagesCache images;
    private final ClassifierTraining training;

    /** Read without the lock, so metrics never wait for a classifier being trained. */
    private volatile QualityModel current;

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
        this.training = new ClassifierTraining(images, settings.samples(), clock, software);
    }

    /** Whether epochs are scored at all ({@code gan.quality.enabled}). */
    public boolean enabled() {
        return settings.enabled();
    }

    /** The model most recently prepared, if any: for metrics. */
    public Optional<QualityModel> current() {
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
        Optional<QualityModel> trained = training.train(data, key, stop);
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
        QualityModel measured =
                ClassifierTraining.withFloor(
                        model, data.trainingImages(images), settings.samples());
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

    private ClassifierKey keyFor(DataFiles data) {
        int available = data.trainingCount();
        Integer wanted = settings.classifierImages();
        return new ClassifierKey(
                data.versions(),
                wanted == null ? available : Math.min(wanted, available),
                settings.classifierEpochs(),
                ClassifierTraining.SEED,
                ClassifierTraining.ARCHITECTURE);
    }

    private static String percent(double fraction) {
        return String.format("%.2f %%", 100 * fraction);
    }

    private static String round(double value) {
        return String.format("%.3f", value);
    }
}
