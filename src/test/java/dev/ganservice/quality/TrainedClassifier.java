package dev.ganservice.quality;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Software;
import dev.ganservice.data.TrainingImagesCache;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import dev.ganservice.support.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import tools.jackson.databind.json.JsonMapper;

/**
 * A quick classifier trained once per test run on a small slice of real Fashion-MNIST (2000
 * training images, of which it learns from 1000, and 600 test images), shared by the test classes
 * of this package.
 */
final class TrainedClassifier {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final GanProperties.Quality QUICK = TestSettings.quickQuality(300);

    private static TrainedClassifier shared;

    final Path data;
    final Path cache;
    final QualityModel model;

    private TrainedClassifier(Path data, Path cache, QualityModel model) {
        this.data = data;
        this.cache = cache;
        this.model = model;
    }

    static synchronized TrainedClassifier get() {
        if (shared == null) {
            try {
                Path root = TestFolders.create("quality");
                Path data = TestImages.writeFashionMnistSubset(root.resolve("data"), 2000, 600);
                Path cache = root.resolve("trained");
                QualityModel model =
                        scorer(QUICK, cache)
                                .prepare(data.resolve("train-images-idx3-ubyte.gz"), () -> false)
                                .orElseThrow();
                shared = new TrainedClassifier(data, cache, model);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    static QualityScorer scorer(GanProperties.Quality settings, Path cacheDir) {
        return new QualityScorer(
                settings,
                cacheDir,
                JSON,
                new TrainingImagesCache(),
                Clock.systemUTC(),
                new Software("test", TestSettings.nd4j()));
    }

    Path trainImages() {
        return data.resolve("train-images-idx3-ubyte.gz");
    }
}
