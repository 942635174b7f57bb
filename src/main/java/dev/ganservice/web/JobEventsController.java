package dev.ganservice.web;

import dev.ganservice.job.JobService;
import dev.ganservice.live.JobEventStreams;
import dev.ganservice.storage.RunsDirectory;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A job's live progress as server-sent events. The stream stays open as long as the job is queued
 * or running, whatever the service's asynchronous request timeout; heartbeats find clients that
 * have gone.
 */
@RestController
@RequestMapping(path = "/train")
@Tag(name = "Training", description = "Training jobs: start, watch, cancel, resume")
class JobEventsController {

    /** Tells nginx, and ingress controllers built on it, to pass events on at once. */
    private static final String NO_PROXY_BUFFERING = "X-Accel-Buffering";

    /** Streams end with their jobs, not after a time limit. */
    private static final long NO_TIMEOUT = 0;

    private final JobEventStreams streams;
    private final JobService jobs;

    JobEventsController(JobEventStreams streams, JobService jobs) {
        this.streams = streams;
        this.jobs = jobs;
    }

    @GetMapping("/{id}/events")
    @Operation(
            summary = "Live progress of one job, as server-sent events",
            description =
                    "Events named 'status' (the job as GET /train/{id} gives it: first, and at"
                        + " every status change), 'progress' (id, status, epoch, epochs, batch,"
                        + " batchesPerEpoch, imagesPerSecond, etaSeconds; at most about four a"
                        + " second, and at the first batch of each epoch) and 'epoch' (a finished"
                        + " epoch, as its history entry). The stream ends after the status in which"
                        + " the job stopped, at once for a job that has already stopped, and when"
                        + " the service shuts down; a client should not reconnect after a status"
                        + " other than QUEUED or RUNNING.")
    @ApiResponse(
            responseCode = "200",
            description = "The stream",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "The id is not shaped like a job id")
    @ApiResponse(responseCode = "404", description = "No job has this id")
    @ApiResponse(
            responseCode = "503",
            description = "gan.events.max-streams streams are open",
            headers =
                    @Header(
                            name = HttpHeaders.RETRY_AFTER,
                            description = "seconds to wait before asking again"))
    ResponseEntity<SseEmitter> events(
            @Parameter(description = "Job id, the name of its run folder")
                    @PathVariable
                    @Pattern(
                            regexp = RunsDirectory.ID_PATTERN,
                            message = TrainingController.ID_MESSAGE)
                    String id) {
        SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
        streams.open(id, new SseEventSink(emitter));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(NO_PROXY_BUFFERING, "no")
                .body(emitter);
    }

    /**
     * The headers a stream would start with, and no stream: answered by the GET handler, a HEAD
     * request would hold a stream, and a connection, open until the job stops.
     */
    @RequestMapping(path = "/{id}/events", method = RequestMethod.HEAD)
    @Hidden
    ResponseEntity<Void> eventsHead(
            @PathVariable
                    @Pattern(
                            regexp = RunsDirectory.ID_PATTERN,
                            message = TrainingController.ID_MESSAGE)
                    String id) {
        jobs.get(id);
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .cacheControl(CacheControl.noStore())
                .header(NO_PROXY_BUFFERING, "no")
                .build();
    }
}
