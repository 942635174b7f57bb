package dev.ganservice.quality;

import dev.ganservice.data.FashionMnist;
import dev.ganservice.data.IdxReader;
import dev.ganservice.data.TrainingImages;
import dev.ganservice.data.TrainingImagesCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The four files of a labelled data set in the IDX layout Fashion-MNIST uses: training images and
 * labels, test images and labels, found in the folder of the training images.
 */
record DataFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

    /**
     * The data set {@code trainImages} belongs to.
     *
     * @throws QualityUnavailableException naming the files that are missing
     */
    static DataFiles beside(Path trainImages) {
        List<String> names =
                List.of(
                        FashionMnist.TRAIN_LABELS,
                        FashionMnist.TEST_IMAGES,
                        FashionMnist.TEST_LABELS);
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Optional<Path> file = FashionMnist.beside(trainImages, name);
            file.ifPresent(found::add);
            if (file.isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new QualityUnavailableException(
                    "the quality classifier needs "
                            + String.join(", ", missing)
                            + " (.gz or plain) beside "
                            + trainImages);
        }
        return new DataFiles(trainImages, found.get(0), found.get(1), found.get(2));
    }

    /** How many images the training file holds, from its header. */
    int trainingCount() {
        return readOrExplain(() -> IdxReader.readImageHeader(trainImages)).count();
    }

    /** The training images, through {@code cache}: the job that waits for them uses them next. */
    TrainingImages trainingImages(TrainingImagesCache cache) {
        return readOrExplain(() -> cache.load(trainImages, trainingCount()));
    }

    LabelledImages trainingSet(TrainingImagesCache cache) {
        return labelled(trainingImages(cache), trainLabels);
    }

    LabelledImages testSet() {
        return labelled(
                readOrExplain(() -> TrainingImages.of(IdxReader.readImages(testImages))),
                testLabels);
    }

    private static LabelledImages labelled(TrainingImages pixels, Path labels) {
        return readOrExplain(() -> new LabelledImages(pixels, IdxReader.readLabels(labels)));
    }

    /** What {@code read} returns; a data file that cannot be used makes scoring unavailable. */
    private static <T> T readOrExplain(Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            throw new QualityUnavailableException(e.getMessage(), e);
        }
    }

    /** What identifies these files' content without reading it: name, size and time. */
    List<ClassifierKey.DataFile> versions() {
        List<ClassifierKey.DataFile> versions = new ArrayList<>();
        for (Path file : List.of(trainImages, trainLabels, testImages, testLabels)) {
            try {
                Path real = file.toRealPath();
                versions.add(
                        new ClassifierKey.DataFile(
                                real.toString(),
                                Files.size(real),
                                Files.getLastModifiedTime(real).toMillis()));
            } catch (IOException e) {
                throw new QualityUnavailableException("cannot read " + file + ": " + e, e);
            }
        }
        return versions;
    }
}
