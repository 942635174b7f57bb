package dev.ganservice.sampling;

import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.SavedGenerator;
import dev.ganservice.storage.UnreadableCheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the generators of the last few checkpoints used, so a checkpoint is read once and then
 * reused. A file replaced on disk (new inode, size or modification time) is read again.
 *
 * <p>When the file behind a generator in memory is replaced by one that cannot be read (truncated,
 * empty, not a zip), the generator in memory keeps serving its job and epoch, and the bad version
 * is remembered so that it is neither read again nor warned about again; a complete version that
 * follows is loaded and used from then on. A checkpoint never loaded whose file is unreadable makes
 * {@link #get} fail, so the caller can fall back to another one.
 *
 * <p>Reading a generator takes a few hundred milliseconds. It happens outside the cache's lock, so
 * requests for generators already in memory never wait for it, and requests for the same version of
 * a file share one read.
 */
public final class GeneratorCache {

    private static final Logger log = LoggerFactory.getLogger(GeneratorCache.class);

    /** Reads of a file that keeps changing while it is read, before a request gives up on it. */
    private static final int READ_ATTEMPTS = 3;

    /**
     * Checkpoints remembered beyond those with a generator in memory: unreadable ones, so that a
     * run with many damaged files does not read and warn about each of them on every request.
     */
    private static final int REMEMBERED_WITHOUT_GENERATOR = 64;

    private final Function<Path, SavedGenerator> reader;
    private final int capacity;

    /** Least recently used first; guarded by this. */
    private final Map<CheckpointRef, Slot> slots = new LinkedHashMap<>(16, 0.75f, true);

    public GeneratorCache(CheckpointFiles checkpoints, int capacity) {
        this(checkpoints::readGenerator, capacity);
    }

    /** Reads generators with {@code reader}, which throws {@link UnreadableCheckpointException}. */
    GeneratorCache(Function<Path, SavedGenerator> reader, int capacity) {
        this.reader = reader;
        this.capacity = capacity;
    }

    /** Whether the generator of {@code ref}, as the file is now, is in memory. */
    boolean contains(CheckpointRef ref) {
        FileVersion now;
        try {
            now = FileVersion.of(ref.file());
        } catch (IOException e) {
            return false;
        }
        synchronized (this) {
            Slot slot = slots.get(ref);
            return slot != null && slot.current != null && slot.current.version().equals(now);
        }
    }

    /**
     * The generator of {@code ref}: the one in memory if the file has not changed since it was
     * read, or if it changed into something unreadable; else the file's new version, read now.
     *
     * @throws UnreadableCheckpointException when the file cannot be read and no earlier version of
     *     it is in memory
     * @throws java.nio.file.NoSuchFileException when the file is gone
     */
    LoadedGenerator get(CheckpointRef ref) throws IOException {
        for (int attempt = 1; ; attempt++) {
            FileVersion seen = FileVersion.of(ref.file());
            Step step = next(ref, seen);
            if (step.ready() != null) {
                return step.ready();
            }
            if (step.mustRead()) {
                read(ref, seen, step.slot(), step.pending());
            }
            try {
                return step.pending().join();
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof ChangedWhileReading)) {
                    throw rethrow(e.getCause());
                }
                if (attempt == READ_ATTEMPTS) {
                    throw new UnreadableCheckpointException(
                            ref.file(), "it kept changing while it was read", null);
                }
            }
        }
    }

    /** What a request for {@code ref}, whose file is now at {@code seen}, does next. */
    private synchronized Step next(CheckpointRef ref, FileVersion seen) {
        Slot slot = slots.get(ref);
        if (slot == null) {
            slot = new Slot();
            slots.put(ref, slot);
            trim();
        }
        if (slot.current != null && slot.current.version().equals(seen)) {
            return Step.ready(slot.current.generator());
        }
        if (seen.equals(slot.unreadable)) {
            if (slot.current != null) {
                return Step.ready(slot.current.generator());
            }
            throw slot.problem;
        }
        if (slot.pending != null && seen.equals(slot.pendingVersion)) {
            return new Step(null, slot, slot.pending, false);
        }
        slot.pending = new CompletableFuture<>();
        slot.pendingVersion = seen;
        return new Step(null, slot, slot.pending, true);
    }

    /**
     * Reads version {@code seen} of the file and settles {@code pending} for every request waiting
     * on it. The outcome is remembered only if the file was the same before and after the read:
     * otherwise the bytes read may belong to another version, or to none.
     */
    private void read(
            CheckpointRef ref,
            FileVersion seen,
            Slot slot,
            CompletableFuture<LoadedGenerator> pending) {
        long started = System.nanoTime();
        LoadedGenerator loaded = null;
        UnreadableCheckpointException problem = null;
        try {
            SavedGenerator saved = reader.apply(ref.file());
            loaded = new LoadedGenerator(ref, saved.info().model(), saved.network());
        } catch (UnreadableCheckpointException e) {
            problem = e;
        } catch (RuntimeException | Error e) {
            settle(slot, pending);
            pending.completeExceptionally(e);
            return;
        }

        boolean stable = seen.equals(versionOrNull(ref.file()));
        LoadedGenerator inMemory;
        synchronized (this) {
            boolean latest = settle(slot, pending);
            if (stable && latest && loaded != null) {
                slot.current = new Current(seen, loaded);
                slot.unreadable = null;
                slot.problem = null;
                trim();
            } else if (stable && latest) {
                slot.unreadable = seen;
                slot.problem = problem;
            }
            inMemory = slot.current != null ? slot.current.generator() : null;
        }

        if (!stable) {
            log.debug("Checkpoint {} changed while it was read; reading it again", ref.file());
            complete(pending, inMemory, new ChangedWhileReading());
        } else if (loaded != null) {
            log.info(
                    "Loaded the generator of job {} epoch {} from {} in {} ms",
                    ref.job(),
                    ref.epoch(),
                    ref.file(),
                    (System.nanoTime() - started) / 1_000_000);
            pending.complete(loaded);
        } else {
            warnUnreadable(ref, problem, inMemory != null);
            complete(pending, inMemory, problem);
        }
    }

    /**
     * Forgets the least recently used generators beyond {@code capacity}, and the least recently
     * used checkpoints beyond what is remembered without one. A slot being read stays.
     */
    private void trim() {
        long generators = slots.values().stream().filter(slot -> slot.current != null).count();
        int excess = slots.size() - capacity - REMEMBERED_WITHOUT_GENERATOR;
        Iterator<Slot> eldestFirst = slots.values().iterator();
        while (eldestFirst.hasNext() && (generators > capacity || excess > 0)) {
            Slot slot = eldestFirst.next();
            if (slot.pending != null) {
                continue;
            }
            if (slot.current != null && generators > capacity) {
                generators--;
                excess--;
                eldestFirst.remove();
            } else if (slot.current == null && excess > 0) {
                excess--;
                eldestFirst.remove();
            }
        }
    }

    /** Clears {@code pending} from the slot; false if a newer read had replaced it already. */
    private synchronized boolean settle(Slot slot, CompletableFuture<LoadedGenerator> pending) {
        if (slot.pending != pending) {
            return false;
        }
        slot.pending = null;
        slot.pendingVersion = null;
        return true;
    }

    private static void complete(
            CompletableFuture<LoadedGenerator> pending,
            LoadedGenerator inMemory,
            RuntimeException otherwise) {
        if (inMemory != null) {
            pending.complete(inMemory);
        } else {
            pending.completeExceptionally(otherwise);
        }
    }

    private static void warnUnreadable(
            CheckpointRef ref, UnreadableCheckpointException problem, boolean keptInMemory) {
        if (keptInMemory) {
            log.warn(
                    "{}; job {} epoch {} is served from the generator read from its previous"
                            + " version until a complete file replaces it",
                    problem.getMessage(),
                    ref.job(),
                    ref.epoch());
        } else {
            log.warn("{}; samples skip it until a complete file replaces it", problem.getMessage());
        }
    }

    private static FileVersion versionOrNull(Path file) {
        try {
            return FileVersion.of(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(cause);
    }

    /**
     * One version of a file. The file key (device and inode) tells an atomically replaced file from
     * the one it replaced even when both have the same size and a modification time in the same
     * clock tick.
     */
    private record FileVersion(Object key, long size, FileTime modified) {

        static FileVersion of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileVersion(
                    attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
        }
    }

    private record Current(FileVersion version, LoadedGenerator generator) {}

    /** What the cache knows about one checkpoint; every field is guarded by the cache. */
    private static final class Slot {
        private Current current;
        private FileVersion unreadable;
        private UnreadableCheckpointException problem;
        private FileVersion pendingVersion;
        private CompletableFuture<LoadedGenerator> pending;
    }

    /**
     * A generator to use at once, or a read to wait for, which this request performs itself when
     * {@code mustRead}.
     */
    private record Step(
            LoadedGenerator ready,
            Slot slot,
            CompletableFuture<LoadedGenerator> pending,
            boolean mustRead) {

        static Step ready(LoadedGenerator generator) {
            return new Step(generator, null, null, false);
        }
    }

    /** The file changed during a read, and no earlier version is in memory to fall back on. */
    private static final class ChangedWhileReading extends RuntimeException {
        ChangedWhileReading() {
            super(null, null, false, false);
        }
    }
}
