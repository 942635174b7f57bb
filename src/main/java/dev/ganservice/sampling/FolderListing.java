package dev.ganservice.sampling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a folder holds, read once and reused until the folder changes. A folder's modification time
 * moves whenever an entry is added, removed or renamed in it, so one {@code stat} tells whether the
 * listing is still good; listing the folder again costs a thousand times more.
 *
 * <p>File systems stamp times from a coarse clock, so two changes within one tick can leave the
 * same time behind. A listing is therefore trusted only when the folder's last change was at least
 * {@code settle} before the listing began; until then, each call lists the folder again. Any later
 * change stamps a time after the one remembered and is seen by the next call, even one made while
 * the folder was being listed.
 *
 * @param <T> what the listing is turned into
 */
final class FolderListing<T> {

    /** Longer than any file system's timestamp tick (FAT's two seconds included). */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private final Path folder;
    private final Supplier<T> reader;
    private final Clock clock;
    private final Duration settle;
    private volatile Snapshot<T> snapshot;

    FolderListing(Path folder, Supplier<T> reader, Clock clock, Duration settle) {
        this.folder = folder;
        this.reader = reader;
        this.clock = clock;
        this.settle = settle;
    }

    /** The folder's contents as {@code reader} makes them, read again if the folder changed. */
    T get() {
        long started = clock.millis();
        Stamp stamp = Stamp.of(folder);
        Snapshot<T> known = snapshot;
        if (stamp != null && known != null && known.trusted() && known.stamp().equals(stamp)) {
            return known.value();
        }

        T value = reader.get();
        boolean trusted = stamp != null && started - stamp.modifiedMillis() >= settle.toMillis();
        snapshot = new Snapshot<>(stamp, value, trusted);
        return value;
    }

    /**
     * One version of a folder: its file key (device and inode) tells a replaced folder from the one
     * it replaced, its modification time a changed folder from an unchanged one.
     */
    private record Stamp(Object key, long modifiedNanos) {

        /** The folder's stamp, or null when it cannot be read (the reader then reports why). */
        static Stamp of(Path folder) {
            try {
                BasicFileAttributes attributes =
                        Files.readAttributes(folder, BasicFileAttributes.class);
                return new Stamp(
                        attributes.fileKey(),
                        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
            } catch (IOException e) {
                return null;
            }
        }

        long modifiedMillis() {
            return modifiedNanos / 1_000_000;
        }
    }

    private record Snapshot<T>(Stamp stamp, T value, boolean trusted) {}
}
