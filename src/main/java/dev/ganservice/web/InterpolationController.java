package dev.ganservice.web;

import dev.ganservice.sampling.InterpolationPath;
import dev.ganservice.sampling.InterpolationRequest;
import dev.ganservice.sampling.Interpolator;
import dev.ganservice.sampling.Sample;
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
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Walks between noise vectors, so a user can see how smoothly the generator morphs images. */
@RestController
@Tag(name = "Samples", description = "Generated images as PNG")
class InterpolationController {

    static final String STEPS_MESSAGE =
            "must be between " + Interpolator.MIN_STEPS + " and " + Interpolator.MAX_STEPS;
    static final String ROWS_MESSAGE = "must be between 1 and " + Interpolator.MAX_ROWS;
    static final String SCALE_MESSAGE = "must be between 1 and " + Sampler.MAX_SCALE;

    private final Interpolator interpolator;
    private final EpochChoice epochs;

    InterpolationController(Interpolator interpolator, EpochChoice epochs) {
        this.interpolator = interpolator;
        this.epochs = epochs;
    }

    // No "produces": the answer is a PNG (or a problem) whatever the Accept header asks for.
    @GetMapping("/samples/interpolation")
    @Operation(
            summary = "Rows of images walking from one noise vector to another",
            description =
                    "Row r walks in 'steps' images from noise vector 2r to noise vector 2r+1 of"
                            + " the seed, the vectors GET /samples with the same seed, job and"
                            + " epoch draws as its images 2r and 2r+1. 'linear' walks the"
                            + " straight line, 'slerp' the great circle. The same parameters"
                            + " give the same PNG, which with seed, job and a numbered epoch"
                            + " carries an ETag and Cache-Control immutable; the headers "
                            + SamplesController.JOB_HEADER
                            + ", "
                            + SamplesController.EPOCH_HEADER
                            + " and "
                            + SamplesController.SEED_HEADER
                            + " say what drew it.")
    @ApiResponse(
            responseCode = "200",
            description = "The walks, one per row",
            content = @Content(mediaType = MediaType.IMAGE_PNG_VALUE),
            headers = {
                @Header(
                        name = SamplesController.JOB_HEADER,
                        description = "job whose checkpoint drew the images"),
                @Header(name = SamplesController.EPOCH_HEADER, description = "epoch of it"),
                @Header(name = SamplesController.SEED_HEADER, description = "seed of the noise")
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
    ResponseEntity<byte[]> interpolation(
            @Parameter(description = "Images per row, both ends included")
                    @RequestParam(defaultValue = "10")
                    @Min(value = Interpolator.MIN_STEPS, message = STEPS_MESSAGE)
                    @Max(value = Interpolator.MAX_STEPS, message = STEPS_MESSAGE)
                    int steps,
            @Parameter(description = "Walks, one per row")
                    @RequestParam(defaultValue = "4")
                    @Min(value = 1, message = ROWS_MESSAGE)
                    @Max(value = Interpolator.MAX_ROWS, message = ROWS_MESSAGE)
                    int rows,
            @Parameter(description = "linear: the straight line; slerp: along the sphere")
                    @RequestParam(defaultValue = "linear")
                    @Pattern(regexp = "linear|slerp", message = "must be linear or slerp")
                    String path,
            @Parameter(description = "Integer enlargement of every pixel")
                    @RequestParam(defaultValue = "1")
                    @Min(value = 1, message = SCALE_MESSAGE)
                    @Max(value = Sampler.MAX_SCALE, message = SCALE_MESSAGE)
                    int scale,
            @Parameter(
                            description =
                                    "Fixes the noise; random when absent (see "
                                            + SamplesController.SEED_HEADER
                                            + ")")
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

        InterpolationPath walk = InterpolationPath.valueOf(path.toUpperCase(Locale.ROOT));
        Sample sample =
                interpolator.interpolate(
                        new InterpolationRequest(steps, rows, walk, scale, seed, job, number));
        return SampleAnswer.of(sample, EpochChoice.fixesTheAnswer(seed, job, epoch, number));
    }
}
