package dev.ganservice.web;

import dev.ganservice.sampling.Sample;
import dev.ganservice.sampling.SampleRequest;
import dev.ganservice.sampling.Sampler;
import dev.ganservice.storage.RunsDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Serves freshly generated images from saved generators. */
@RestController
@Tag(name = "Samples", description = "Generated images as PNG")
class SamplesController {

    static final String JOB_HEADER = "X-Gan-Job";
    static final String EPOCH_HEADER = "X-Gan-Epoch";
    static final String SEED_HEADER = "X-Gan-Seed";

    private final Sampler sampler;
    private final EpochChoice epochs;

    SamplesController(Sampler sampler, EpochChoice epochs) {
        this.sampler = sampler;
        this.epochs = epochs;
    }

    // No "produces": the answer is a PNG (or a problem) whatever the Accept header asks for.
    @GetMapping("/samples")
    @Operation(
            summary = "A grid of freshly generated images",
            description =
                    "Uses the newest checkpoint of the newest job that has one, or the"
                            + " checkpoint of job and epoch. The headers "
                            + JOB_HEADER
                            + ", "
                            + EPOCH_HEADER
                            + " and "
                            + SEED_HEADER
                            + " say which; repeating the request"
                            + " with that job, epoch and seed gives the same PNG, which may be"
                            + " cached: it carries an ETag and Cache-Control immutable.")
    @ApiResponse(
            responseCode = "200",
            description = "The grid",
            content = @Content(mediaType = MediaType.IMAGE_PNG_VALUE),
            headers = {
                @Header(name = JOB_HEADER, description = "job whose checkpoint drew the images"),
                @Header(name = EPOCH_HEADER, description = "epoch of that checkpoint"),
                @Header(name = SEED_HEADER, description = "seed of the noise"),
                @Header(
                        name = HttpHeaders.ETAG,
                        description = "hash of the PNG; only when seed, job and epoch are given")
            })
    @ApiResponse(
            responseCode = "304",
            description =
                    "seed, job and epoch are given and If-None-Match names the ETag of the answer")
    @ApiResponse(responseCode = "400", description = "A parameter is malformed or out of range")
    @ApiResponse(responseCode = "404", description = "No checkpoint (of that job or epoch) yet")
    @ApiResponse(
            responseCode = "503",
            description =
                    "Every sampling slot (gan.samples.max-concurrent) stayed busy for"
                            + " gan.samples.max-wait, or the compute backend is still loading",
            headers =
                    @Header(
                            name = HttpHeaders.RETRY_AFTER,
                            description = "seconds to wait before asking again"))
    ResponseEntity<byte[]> samples(
            @Parameter(description = "Images in the grid")
                    @RequestParam(defaultValue = "64")
                    @Min(value = 1, message = "must be between 1 and " + Sampler.MAX_COUNT)
                    @Max(
                            value = Sampler.MAX_COUNT,
                            message = "must be between 1 and " + Sampler.MAX_COUNT)
                    int count,
            @Parameter(description = "Tiles per row; a square-ish grid when absent")
                    @RequestParam(required = false)
                    @Min(value = 1, message = "must be between 1 and " + Sampler.MAX_COUNT)
                    @Max(
                            value = Sampler.MAX_COUNT,
                            message = "must be between 1 and " + Sampler.MAX_COUNT)
                    Integer columns,
            @Parameter(description = "Integer enlargement of every pixel")
                    @RequestParam(defaultValue = "1")
                    @Min(value = 1, message = "must be between 1 and " + Sampler.MAX_SCALE)
                    @Max(
                            value = Sampler.MAX_SCALE,
                            message = "must be between 1 and " + Sampler.MAX_SCALE)
                    int scale,
            @Parameter(
                            description =
                                    "Fixes the noise; random when absent (see " + SEED_HEADER + ")")
                    @RequestParam(required = false)
                    Long seed,
            @Parameter(description = "Job whose checkpoint to use; the newest job when absent")
                    @RequestParam(required = false)
                    @Pattern(
                            regexp = RunsDirectory.ID_PATTERN,
                            message = TrainingController.ID_MESSAGE)
                    String job,
            @Parameter(description = EpochChoice.DESCRIPTION)
                    @RequestParam(required = false)
                    @Pattern(regexp = EpochChoice.PATTERN, message = EpochChoice.MESSAGE)
                    String epoch) {
        Integer number = epochs.resolve(job, epoch);

        Sample sample = sampler.sample(new SampleRequest(count, columns, scale, seed, job, number));
        return SampleAnswer.of(sample, EpochChoice.fixesTheAnswer(seed, job, epoch, number));
    }

    /** An epoch was named without the job it belongs to. */
    static class MissingJobException extends RuntimeException {
        MissingJobException() {
            super("epoch needs job: name the job whose epoch to sample from.");
        }
    }
}
