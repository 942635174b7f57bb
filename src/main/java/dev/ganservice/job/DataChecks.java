package dev.ganservice.job;

import dev.ganservice.data.IdxImages;
import dev.ganservice.data.IdxReader;
import dev.ganservice.data.InvalidDataFileException;
import java.nio.file.Path;

/**
 * Checks a job's parameters against the data it would train on: the image shape must match, and the
 * batch must fit in the images the job uses. Run when a job is submitted, or, when the data has to
 * be downloaded first, right after the download.
 */
final class DataChecks {

    private DataChecks() {}

    /** The number of images the job will train on, read from the data file's header. */
    static int imagesFor(JobParameters parameters, Path dataFile) {
        return imagesFor(parameters, dataFile, IdxReader.readImageHeader(dataFile));
    }

    /** The number of images the job will train on, given what the data file's header says. */
    static int imagesFor(JobParameters parameters, Path dataFile, IdxImages.Header data) {
        if (parameters.width() != data.columns()
                || parameters.height() != data.rows()
                || parameters.channels() != 1) {
            String field =
                    parameters.width() != data.columns()
                            ? "width"
                            : parameters.height() != data.rows() ? "height" : "channels";
            throw new InvalidJobException(
                    field,
                    "The data set holds "
                            + data.columns()
                            + "x"
                            + data.rows()
                            + " greyscale images (width "
                            + data.columns()
                            + ", height "
                            + data.rows()
                            + ", channels 1); the job asked for width "
                            + parameters.width()
                            + ", height "
                            + parameters.height()
                            + ", channels "
                            + parameters.channels()
                            + ".");
        }
        int count =
                parameters.limit() == null
                        ? data.count()
                        : Math.min(parameters.limit(), data.count());
        if (count < JobParameters.MIN_BATCH_SIZE) {
            throw new InvalidDataFileException(
                    dataFile,
                    "holds "
                            + data.count()
                            + " image; training needs at least "
                            + JobParameters.MIN_BATCH_SIZE);
        }
        if (parameters.batchSize() > count) {
            throw new InvalidJobException(
                    "batchSize",
                    "batchSize "
                            + parameters.batchSize()
                            + " is larger than the "
                            + count
                            + " training images the job would use;"
                            + " allowed: "
                            + JobParameters.MIN_BATCH_SIZE
                            + " to "
                            + count
                            + ".");
        }
        return count;
    }
}
