package dev.ganservice.job;

import dev.ganservice.config.Software;
import dev.ganservice.storage.AtomicFiles;
import dev.ganservice.storage.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a job's {@code run.json}, atomically, whenever the job changes in a way worth keeping, and
 * reads it back when the service starts again.
 */
@Component
public class RunRecorder {

    private final JsonMapper json;
    private final Software software;

    public RunRecorder(JsonMapper json, Software software) {
        this.json = json;
        this.software = software;
    }

    public void record(TrainingJob job) {
        byte[] content =
                json.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(RunManifest.of(job, software));
        try {
            AtomicFiles.write(job.folder().runJson(), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + job.folder().runJson(), e);
        }
    }

    /**
     * What a run folder's {@code run.json} says. Fields this version does not know are ignored, so
     * a newer service's run folders can still be listed.
     *
     * @throws IOException when the file is missing or is not a run manifest
     */
    public RunManifest read(RunFolder folder) throws IOException {
        byte[] content = Files.readAllBytes(folder.runJson());
        try {
            RunManifest manifest =
                    json.readerFor(RunManifest.class)
                            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                            .readValue(content);
            String damage = damage(manifest);
            if (damage != null) {
                throw new IOException(folder.runJson() + " does not describe a job: " + damage);
            }
            return manifest;
        } catch (JacksonException e) {
            throw new IOException(folder.runJson() + " is not valid: " + e.getOriginalMessage(), e);
        }
    }

    /** What makes {@code manifest} unusable as a job, or null when nothing does. */
    private static String damage(RunManifest manifest) {
        if (manifest == null || manifest.job() == null || manifest.dataSet() == null) {
            return "the job or its data set is missing";
        }
        JobSnapshot job = manifest.job();
        if (job.status() == null || job.createdAt() == null || manifest.dataSet().file() == null) {
            return "its status, creation time or data file is missing";
        }
        if (job.history() == null || job.history().contains(null)) {
            return "its history is missing or has empty entries";
        }
        JobParameters p = job.parameters();
        if (p == null) {
            return "its parameters are missing";
        }
        boolean sane =
                p.epochs() >= 1
                        && p.epochs() <= JobParameters.MAX_EPOCHS
                        && p.batchSize() >= JobParameters.MIN_BATCH_SIZE
                        && p.batchSize() <= JobParameters.MAX_BATCH_SIZE
                        && p.latentSize() >= 1
                        && p.latentSize() <= JobParameters.MAX_LATENT_SIZE
                        && p.learningRate() > 0
                        && p.learningRate() <= 1
                        && p.beta1() >= 0
                        && p.beta1() < 1
                        && (p.limit() == null || p.limit() >= JobParameters.MIN_LIMIT)
                        && p.width() >= 1
                        && p.width() <= JobParameters.MAX_SIDE
                        && p.height() >= 1
                        && p.height() <= JobParameters.MAX_SIDE
                        && p.channels() >= 1
                        && p.channels() <= JobParameters.MAX_CHANNELS;
        return sane ? null : "its parameters are out of range: " + p;
    }

    public Software software() {
        return software;
    }
}
