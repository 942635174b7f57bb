package dev.ganservice.job;

import dev.ganservice.config.Software;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of a run folder's {@code run.json}: the job, the data it trained on, the software
 * that trained it, and what each file in the folder is.
 */
public record RunManifest(
        int format,
        JobSnapshot job,
        DataSet dataSet,
        Software.Versions software,
        Map<String, String> files) {

    public static final int FORMAT = 1;

    static RunManifest of(TrainingJob job, Software software) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("run.json", "this file; rewritten after every epoch and status change");
        files.put(
                "epoch-NNN.zip",
                "checkpoint after epoch NNN: generator.zip and"
                        + " discriminator.zip (DL4J model files with Adam state, load with"
                        + " ModelSerializer.restoreMultiLayerNetwork) and checkpoint.json");
        files.put(
                "epoch-NNN.png",
                "samples after epoch NNN from the same fixed noise every"
                        + " epoch, in [-1, 1] mapped to 0..255");
        return new RunManifest(
                FORMAT,
                job.snapshot(),
                new DataSet(job.dataFile().toString(), job.images()),
                software.versions(),
                files);
    }

    /** The training images a job used: the file, and how many of its first images. */
    public record DataSet(String file, int images) {}
}
