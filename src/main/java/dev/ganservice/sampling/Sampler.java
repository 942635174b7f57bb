package dev.ganservice.sampling;

import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.imaging.ImageGrid;
import dev.ganservice.imaging.PngEncoder;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.Noise;
import dev.ganservice.storage.UnreadableCheckpointException;
import dev.ganservice.training.Seeds;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws fresh images from a saved generator and lays them out as a PNG grid.
 *
 * <p>When the checkpoint a request would use cannot be read (deleted or damaged behind the
 * service's back), the generator read from its previous version keeps serving if it is in memory
 * (see {@link GeneratorCache}); otherwise the next best checkpoint is used. Generation and encoding
 * run within a {@link SamplingLimiter}'s bound.
 */
public final class Sampler {

    private static final Logger log = LoggerFactory.getLogger(Sampler.class);

    public static final int MAX_COUNT = 1024;
    public static final int MAX_SCALE = 8;

    /** Grids larger than this many pixels are refused: they cost memory and seconds to encode. */
    public static final long MAX_PIXELS = 16L << 20;

    private static final double[] PERCENTILES = {0.5, 0.9, 0.99};

    /** How long a request waits for ND4J to finish loading before it is told to retry. */
    private static final Duration BACKEND_WAIT = Duration.ofSeconds(20);

    private final CheckpointFinder finder;
    private final GeneratorCache generators;
    private final Nd4jRuntime nd4j;
    private final SamplingLimiter limiter;
    private final MeterProvider<Timer> requests;
    private final Timer generation;
    private final Timer encoding;

    public Sampler(
            CheckpointFinder finder,
            GeneratorCache generators,
            Nd4jRuntime nd4j,
            SamplingLimiter limiter,
            MeterRegistry registry) {
        this.finder = finder;
        this.generators = generators;
        this.nd4j = nd4j;
        this.limiter = limiter;
        this.requests =
                Timer.builder("gan.samples.requests")
                        .description("GET /samples requests, by outcome")
                        .publishPercentiles(PERCENTILES)
                        .withRegistry(registry);
        this.generation = timer(registry, "gan.samples.generation", "Generator forward pass");
        this.encoding = timer(registry, "gan.samples.encoding", "Grid layout and PNG encoding");
    }

    private static Timer timer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentiles(PERCENTILES)
                .register(registry);
    }

    public Sample sample(SampleRequest request) {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            Sample sample = draw(request);
            outcome = "ok";
            return sample;
        } catch (SamplingBusyException e) {
            outcome = "rejected";
            throw e;
        } finally {
            requests.withTag("outcome", outcome)
                    .record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Sample draw(SampleRequest request) {
        LoadedGenerator generator = load(request);
        ImageShape shape = generator.spec().image();
        int columns = columns(request);
        checkSize(request, shape, columns);

        long seed = request.seed() != null ? request.seed() : Seeds.random();
        byte[] png = limiter.run(() -> render(generator, request, shape, columns, seed));

        CheckpointRef source = generator.source();
        return new Sample(
                png,
                source.job(),
                source.epoch(),
                seed,
                (int) ImageGrid.width(shape, columns, request.scale()),
                (int) ImageGrid.height(shape, request.count(), columns, request.scale()));
    }

    /**
     * Generation and encoding, the part whose memory grows with the request. Everything here is the
     * request's own (noise, arrays, image, encoder) except the network, which serves one request at
     * a time, so the same request always gives the same bytes.
     */
    private byte[] render(
            LoadedGenerator generator,
            SampleRequest request,
            ImageShape shape,
            int columns,
            long seed) {
        Noise noise = new Noise(seed, generator.spec().latentSize());
        float[] images = generation.record(() -> generator.generate(noise.next(request.count())));
        return encoding.record(
                () -> PngEncoder.encode(ImageGrid.render(images, shape, columns, request.scale())));
    }

    /** Loads the generator of {@code ref} into the cache, so later samples need not wait. */
    void warm(CheckpointRef ref) {
        nd4j.awaitReady(BACKEND_WAIT);
        try {
            generators.get(ref);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LoadedGenerator load(SampleRequest request) {
        Iterator<CheckpointRef> candidates =
                finder.candidates(request.job(), request.epoch()).iterator();
        int unreadable = 0;
        if (candidates.hasNext()) {
            nd4j.awaitReady(BACKEND_WAIT);
        }
        while (candidates.hasNext()) {
            CheckpointRef ref = candidates.next();
            try {
                return generators.get(ref);
            } catch (UnreadableCheckpointException e) {
                // The cache warned when it first met this version of the file.
                log.debug("Skipping checkpoint {}: {}", ref.file(), e.getMessage());
                unreadable++;
            } catch (NoSuchFileException e) {
                log.warn("Skipping checkpoint {}: deleted since its folder was listed", ref.file());
                unreadable++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (unreadable == 0) {
            throw new NoCheckpointException(
                    "No job has written a checkpoint yet. Start one with POST /train; a"
                            + " checkpoint appears after its first epoch.");
        }
        throw new NoCheckpointException(
                unreadable
                        + " checkpoint(s) match the request but none can be read; the service"
                        + " log names them.");
    }

    private static int columns(SampleRequest request) {
        if (request.columns() != null) {
            return Math.min(request.columns(), request.count());
        }
        return (int) Math.ceil(Math.sqrt(request.count()));
    }

    private static void checkSize(SampleRequest request, ImageShape shape, int columns) {
        long width = ImageGrid.width(shape, columns, request.scale());
        long height = ImageGrid.height(shape, request.count(), columns, request.scale());
        if (width * height > MAX_PIXELS) {
            throw new InvalidSampleRequestException(
                    "scale",
                    "A grid of "
                            + request.count()
                            + " images in "
                            + columns
                            + " columns at scale "
                            + request.scale()
                            + " would be "
                            + width
                            + "x"
                            + height
                            + " pixels; at most "
                            + MAX_PIXELS
                            + " pixels are"
                            + " drawn. Lower count or scale.");
        }
    }
}
