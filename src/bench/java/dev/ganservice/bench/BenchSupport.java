package dev.ganservice.bench;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.data.FashionMnist;
import dev.ganservice.data.IdxReader;
import dev.ganservice.data.TrainingImages;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the JMH benchmarks share: ND4J started as the service starts it, the model the service
 * trains by default, and the Fashion-MNIST training images.
 */
public final class BenchSupport {

    /** The service's default model: Fashion-MNIST, 100 noise values, Adam(2e-4, 0.5). */
    public static final ModelSpec SPEC = new ModelSpec(ImageShape.FASHION_MNIST, 100, 2e-4, 0.5, 1);

    private static final Duration BACKEND_WAIT = Duration.ofMinutes(5);

    private BenchSupport() {}

    /**
     * Loads ND4J through the service's own {@link Nd4jRuntime}, so threads and OpenMP's wait policy
     * are set the same way; {@code -Dbench.threads} plays {@code gan.nd4j.threads}.
     */
    public static void startNd4j() {
        int threads = Integer.getInteger("bench.threads", 0);
        new Nd4jRuntime(new GanProperties.Nd4j(null, threads, "PASSIVE", "auto"), null)
                .awaitReady(BACKEND_WAIT);
    }

    /**
     * All Fashion-MNIST training images, from {@code -Dbench.data} or the folders the service
     * searches by default.
     */
    public static TrainingImages trainingImages() {
        String dir = System.getProperty("bench.data");
        List<Path> dirs =
                dir != null
                        ? List.of(Path.of(dir))
                        : List.of(
                                Path.of("data/fashion-mnist"),
                                Path.of("/usr/share/datasets/fashion-mnist"));
        Path file = new FashionMnist(dirs).requireTrainImages();
        return TrainingImages.of(IdxReader.readImages(file));
    }
}
