package dev.ganservice.imaging;

import dev.ganservice.bench.BenchSupport;
import dev.ganservice.data.TrainingImages;
import dev.ganservice.model.ImageShape;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The encoding half of a {@code GET /samples?count=64} request: an 8x8 grid at scale 1 laid out and
 * encoded as PNG, what the {@code gan.samples.encoding} timer measures.
 *
 * <p>The tiles are real Fashion-MNIST images: PNG's cost depends on how well the pixels compress,
 * and clothing compresses as generated clothing does, unlike random values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PngGridBenchmark {

    private static final int COUNT = 64;
    private static final int COLUMNS = 8;

    private float[] values;
    private BufferedImage grid;

    @Setup
    public void setUp() {
        BenchSupport.startNd4j();
        TrainingImages images = BenchSupport.trainingImages();
        int[] firstImages = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            firstImages[i] = i;
        }
        values = images.gather(firstImages, 0, COUNT).ravel().toFloatVector();
        grid = ImageGrid.render(values, ImageShape.FASHION_MNIST, COLUMNS, 1);
    }

    @Benchmark
    public byte[] renderAndEncode() {
        return PngEncoder.encode(ImageGrid.render(values, ImageShape.FASHION_MNIST, COLUMNS, 1));
    }

    @Benchmark
    public byte[] encodeOnly() {
        return PngEncoder.encode(grid);
    }
}
