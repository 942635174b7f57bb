package dev.ganservice.sampling;

import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.SavedGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the generators of the last few checkpoints used, so a checkpoint is read once and then
 * reused. A file replaced on disk (new size or modification time) is read again.
 */
public final class GeneratorCache {

    private static final Logger log = LoggerFactory.getLogger(GeneratorCache.class);

    private static Key keyOf(CheckpointRef ref) throws IOException {
        return new Key(ref, Files.size(ref.file()), Files.getLastModifiedTime(ref.file()));
    }

    private record Key(CheckpointRef ref, long size, FileTime modified) {}

    private final CheckpointFiles checkpoints;
    private final Map<Key, LoadedGenerator> generators;

    public GeneratorCache(CheckpointFiles checkpoints, int capacity) {
        this.checkpoints = checkpoints;
        this.generators =
                new LinkedHashMap<>(capacity * 2, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, LoadedGenerator> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** Whether the generator of {@code ref}, as the file is now, is in memory. */
    synchronized boolean contains(CheckpointRef ref) {
        try {
            return generators.containsKey(keyOf(ref));
        } catch (IOException e) {
            return false;
        }
    }

    /** The generator of {@code ref}, loaded now or earlier. */
    synchronized LoadedGenerator get(CheckpointRef ref) throws IOException {
        Key key = keyOf(ref);
        LoadedGenerator cached = generators.get(key);
        if (cached != null) {
            return cached;
        }
        long started = System.nanoTime();
        SavedGenerator saved = checkpoints.readGenerator(ref.file());
        LoadedGenerator loaded = new LoadedGenerator(ref, saved.info().model(), saved.network());
        generators.put(key, loaded);
        log.info(
                "Loaded the generator of job {} epoch {} from {} in {} ms",
                ref.job(),
                ref.epoch(),
                ref.file(),
                (System.nanoTime() - started) / 1_000_000);
        return loaded;
    }
}
