package dev.ganservice.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the most recently loaded training set in memory, so jobs after the first skip reading and
 * converting the file. A file that changed on disk (size or modification time) is read again.
 */
public final class TrainingImagesCache {

    private static final Logger log = LoggerFactory.getLogger(TrainingImagesCache.class);

    private record Key(Path file, long size, FileTime modified) {}

    private Key key;
    private TrainingImages images;

    /**
     * The first {@code count} images of {@code file}, read now or earlier. Only as many images as
     * asked for are read, so a short job on a huge file costs little memory; a later job that wants
     * more reads the file again.
     */
    public synchronized TrainingImages load(Path file, int count) {
        Key current = keyOf(file);
        if (current.equals(key) && images.count() >= count) {
            return images.first(count);
        }
        long started = System.nanoTime();
        images = null;
        key = null;
        try {
            images = TrainingImages.of(IdxReader.readImages(file, count));
        } catch (OutOfMemoryError e) {
            throw new InvalidDataFileException(
                    file,
                    count
                            + " of its images do not fit in memory; give the job a smaller limit,"
                            + " or the service more memory (-Xmx for the heap,"
                            + " -Dorg.bytedeco.javacpp.maxbytes for ND4J)",
                    e);
        }
        key = current;
        log.info(
                "Loaded {} training images of {}x{} from {} in {} ms",
                images.count(),
                images.width(),
                images.height(),
                file,
                (System.nanoTime() - started) / 1_000_000);
        return images;
    }

    private static Key keyOf(Path file) {
        try {
            Path real = file.toRealPath();
            return new Key(real, Files.size(real), Files.getLastModifiedTime(real));
        } catch (IOException e) {
            throw new InvalidDataFileException(file, "cannot be read (" + e + ")", e);
        }
    }
}
