package dev.ganservice.job;

import dev.ganservice.config.Software;
import dev.ganservice.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a job's {@code run.json}, atomically, whenever the job changes in a way worth keeping. */
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

    public Software software() {
        return software;
    }
}
