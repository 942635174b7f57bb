package dev.ganservice.storage;

import dev.ganservice.model.ModelSpec;
import java.time.Instant;

/**
 * What a checkpoint holds, stored as {@code checkpoint.json} inside it so the file explains itself.
 *
 * @param format version of the checkpoint's layout
 * @param job id of the job (and name of the run folder) that wrote it
 * @param epoch epochs trained when it was written
 * @param model the networks' shape and optimiser settings
 * @param savedAt when it was written
 * @param software versions of the libraries that wrote it
 */
public record CheckpointInfo(
        int format, String job, int epoch, ModelSpec model, Instant savedAt, String software) {

    public static final int FORMAT = 1;
}
