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
            String damage = missing(manifest);
            if (damage != null) {
                throw new IOException(folder.runJson() + " does not describe a job: " + damage);
            }
            return manifest;
        } catch (JacksonException e) {
            throw new IOException(folder.runJson() + " is not valid: " + e.getOriginalMessage(), e);
        }
    }

    /** What is missing from {@code manifest} for it to describe a job, or null when nothing is. */
    private static String missing(RunManifest manifest) {
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
        // Values out of range fail when the job is rebuilt, which the caller reports alike.
        return job.parameters() == null ? "its parameters are missing" : null;
    }

    public Software software() {
        return software;
    }
}
