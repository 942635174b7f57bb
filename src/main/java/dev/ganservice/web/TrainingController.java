package dev.ganservice.web;

import dev.ganservice.job.JobService;
import dev.ganservice.job.JobSnapshot;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.training.Seeds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts, lists, watches, cancels and resumes training jobs. Every answer is JSON whatever the
 * {@code Accept} header asks for: each handler sets the content type itself, so Spring skips
 * content negotiation and a client that accepts only, say, {@code image/png} gets the JSON (or
 * problem) it would get otherwise rather than a 406.
 */
@RestController
@RequestMapping(path = "/train")
@Tag(name = "Training", description = "Training jobs: start, watch, cancel, resume")
class TrainingController {

    static final String ID_MESSAGE =
            "is not a job id; ids look like 2026-12-04_16-37-00 or" + " 2026-12-04_16-37-00-2";

    private final JobService jobs;

    TrainingController(JobService jobs) {
        this.jobs = jobs;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Start a training job",
            description = "Queues a job and answers at once; poll Location for progress.")
    @ApiResponse(
            responseCode = "202",
            description = "Accepted",
            headers =
                    @Header(
                            name = "Location",
                            description = "the job's URL, /train/{id}",
                            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "A parameter is malformed or out of range")
    @ApiResponse(responseCode = "413", description = "The body is over 64 KiB")
    @ApiResponse(responseCode = "415", description = "The body is not JSON")
    @ApiResponse(responseCode = "429", description = "Every worker is busy and the queue is full")
    @ApiResponse(responseCode = "503", description = "The training data is missing or unreadable")
    ResponseEntity<JobSnapshot> start(@Valid @RequestBody(required = false) TrainRequest request) {
        TrainRequest effective = request != null ? request : TrainRequest.defaults();
        JobSnapshot job = jobs.submit(effective.toParameters(Seeds.random()));
        return accepted(job);
    }

    @GetMapping
    @Operation(summary = "List training jobs, newest first")
    ResponseEntity<List<JobSnapshot>> list() {
        return json(jobs.list());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Status, progress and per-epoch history of one job")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "400", description = "The id is not shaped like a job id")
    @ApiResponse(responseCode = "404", description = "No job has this id")
    ResponseEntity<JobSnapshot> get(
            @Parameter(description = "Job id, the name of its run folder")
                    @PathVariable
                    @Pattern(regexp = RunsDirectory.ID_PATTERN, message = ID_MESSAGE)
                    String id) {
        return json(jobs.get(id));
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "Cancel a job",
            description =
                    "A queued job never starts; a running one stops after its current"
                            + " batch. Checkpoints already written stay.")
    @ApiResponse(responseCode = "200", description = "Cancelled, or cancelling after this batch")
    @ApiResponse(responseCode = "400", description = "The id is not shaped like a job id")
    @ApiResponse(responseCode = "404", description = "No job has this id")
    @ApiResponse(responseCode = "409", description = "The job is not queued or running")
    ResponseEntity<JobSnapshot> cancel(
            @PathVariable @Pattern(regexp = RunsDirectory.ID_PATTERN, message = ID_MESSAGE)
                    String id) {
        return json(jobs.cancel(id));
    }

    @PostMapping("/{id}/resume")
    @Operation(
            summary = "Resume an interrupted, failed or cancelled job",
            description =
                    "Queues the job again. It continues after the newest epoch whose checkpoint"
                            + " can be read, with both networks and both optimisers as they were"
                            + " then; unreadable checkpoints are skipped. The request has no"
                            + " body.")
    @ApiResponse(
            responseCode = "202",
            description = "Queued again",
            headers =
                    @Header(
                            name = "Location",
                            description = "the job's URL, /train/{id}",
                            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "The id is not shaped like a job id")
    @ApiResponse(responseCode = "404", description = "No job has this id")
    @ApiResponse(
            responseCode = "409",
            description =
                    "The job is queued, running or has succeeded, or its data set has changed")
    @ApiResponse(responseCode = "429", description = "Every worker is busy and the queue is full")
    @ApiResponse(responseCode = "503", description = "The training data is missing or unreadable")
    ResponseEntity<JobSnapshot> resume(
            @PathVariable @Pattern(regexp = RunsDirectory.ID_PATTERN, message = ID_MESSAGE)
                    String id) {
        return accepted(jobs.resume(id));
    }

    private static <T> ResponseEntity<T> json(T body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** 202 with the job's URL: it is queued and runs on its own. */
    private static ResponseEntity<JobSnapshot> accepted(JobSnapshot job) {
        return ResponseEntity.accepted()
                .location(URI.create("/train/" + job.id()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(job);
    }
}
