package dev.ganservice.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds Fashion-MNIST's IDX files in a list of folders, in the names Zalando publishes them under,
 * gzip-compressed or not.
 */
public final class FashionMnist {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

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

    /**
     * The file called {@code name}, gzip-compressed or not, in the folder of {@code trainImages}:
     * the other files of the same data set.
     */
    public static Optional<Path> beside(Path trainImages, String name) {
        Path dir = trainImages.toAbsolutePath().getParent();
        return Stream.of(name + ".gz", name)
                .map(dir::resolve)
                .filter(Files::isRegularFile)
                .findFirst();
    }

    public List<Path> dirs() {
        return dirs;
    }
}
