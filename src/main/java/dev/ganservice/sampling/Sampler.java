package dev.ganservice.sampling;

import dev.ganservice.imaging.ImageGrid;
import dev.ganservice.imaging.PngEncoder;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.Noise;
import dev.ganservice.storage.UnreadableCheckpointException;
import dev.ganservice.training.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws fresh images from a saved generator and lays them out as a PNG grid.
 *
 * <p>When the checkpoint a request would use cannot be read (deleted or damaged behind the
 * service's back), the next best one is used and a warning names the bad file.
 */
public final class Sampler {

    private static final Logger log = LoggerFactory.getLogger(Sampler.class);

    public static final int MAX_COUNT = 1024;
    public static final int MAX_SCALE = 8;

    /** Grids larger than this many pixels are refused: they cost memory and seconds to encode. */
    public static final long MAX_PIXELS = 16L << 20;

    private final CheckpointFinder finder;
    private final GeneratorCache generators;

    public Sampler(CheckpointFinder finder, GeneratorCache generators) {
        this.finder = finder;
        this.generators = generators;
    }

    public Sample sample(SampleRequest request) {
        LoadedGenerator generator = load(request);
        ImageShape shape = generator.spec().image();
        int columns = columns(request);
        checkSize(request, shape, columns);

        long seed = request.seed() != null ? request.seed() : Seeds.random();
        Noise noise = new Noise(seed, generator.spec().latentSize());
        float[] images = generator.generate(noise.next(request.count()));
        byte[] png = PngEncoder.encode(ImageGrid.render(images, shape, columns, request.scale()));

        CheckpointRef source = generator.source();
        return new Sample(
                png,
                source.job(),
                source.epoch(),
                seed,
                (int) ImageGrid.width(shape, columns, request.scale()),
                (int) ImageGrid.height(shape, request.count(), columns, request.scale()));
    }

    /** Loads the generator of {@code ref} into the cache, so later samples need not wait. */
    void warm(CheckpointRef ref) {
        try {
            generators.get(ref);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LoadedGenerator load(SampleRequest request) {
        Iterator<CheckpointRef> candidates =
                finder.candidates(request.job(), request.epoch()).iterator();
        int unreadable = 0;
        while (candidates.hasNext()) {
            CheckpointRef ref = candidates.next();
            try {
                return generators.get(ref);
            } catch (UnreadableCheckpointException | NoSuchFileException e) {
                log.warn("Skipping checkpoint {}: {}", ref.file(), e.getMessage());
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
