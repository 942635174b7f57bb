package dev.ganservice.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds Fashion-MNIST's IDX files in a list of folders, in the names Zalando publishes them under,
 * gzip-compressed or not.
 */
public final class FashionMnist {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";

    private final List<Path> dirs;

    public FashionMnist(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** The training images file of the first folder that has one. */
    public Optional<Path> findTrainImages() {
        for (Path dir : dirs) {
            for (String name : List.of(TRAIN_IMAGES + ".gz", TRAIN_IMAGES)) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    /** As {@link #findTrainImages()}, failing with advice on where to get the files. */
    public Path requireTrainImages() {
        return findTrainImages().orElseThrow(() -> new DataSetNotFoundException(dirs));
    }

    public List<Path> dirs() {
        return dirs;
    }
}
