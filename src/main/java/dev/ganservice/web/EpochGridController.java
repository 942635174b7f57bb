package dev.ganservice.web;

import dev.ganservice.job.JobParameters;
import dev.ganservice.live.EpochGrid;
import dev.ganservice.live.EpochGrids;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the grid each job draws from its fixed noise after every epoch. */
@RestController
@RequestMapping(path = "/train")
@Tag(name = "Training", description = "Training jobs: start, watch, cancel, resume")
class EpochGridController {

    /**
     * A year, immutable: an epoch's grid is written once, and drawn again only by a resume that
     * trains the epoch again from the same checkpoint and noise, which gives the same picture. Not
     * public: with protected reads a shared cache must not hand it to clients without the token.
     */
    static final String CACHE_FOREVER = "max-age=31536000, immutable";

    static final String EPOCH_MESSAGE = "must be between 1 and " + JobParameters.MAX_EPOCHS;

    private final EpochGrids grids;

    EpochGridController(EpochGrids grids) {
        this.grids = grids;
    }

    // No "produces": the answer is a PNG (or a problem) whatever the Accept header asks for.
    @GetMapping("/{id}/epochs/{epoch}/grid.png")
    @Operation(
            summary = "The fixed-noise grid of one epoch",
            description =
                    "The 8x8 grid the job drew after the epoch from the same noise every epoch,"
                            + " as saved in its run folder. Cacheable forever; answers 304 to"
                            + " If-None-Match with its ETag.")
    @ApiResponse(
            responseCode = "200",
            description = "The grid",
            content = @Content(mediaType = MediaType.IMAGE_PNG_VALUE),
            headers = {
                @Header(name = HttpHeaders.ETAG, description = "changes whenever the file does"),
                @Header(name = HttpHeaders.CACHE_CONTROL, description = CACHE_FOREVER)
            })
    @ApiResponse(responseCode = "304", description = "The client's copy is current")
    @ApiResponse(responseCode = "400", description = "The id or the epoch is malformed")
    @ApiResponse(responseCode = "404", description = "No such job, or no grid for that epoch")
    ResponseEntity<byte[]> grid(
            @Parameter(description = "Job id, the name of its run folder")
                    @PathVariable
                    @Pattern(
                            regexp = RunsDirectory.ID_PATTERN,
                            message = TrainingController.ID_MESSAGE)
                    String id,
            @Parameter(description = "A finished epoch of the job")
                    @PathVariable
                    @Min(value = 1, message = EPOCH_MESSAGE)
                    @Max(value = JobParameters.MAX_EPOCHS, message = EPOCH_MESSAGE)
                    int epoch,
            @Parameter(hidden = true)
                    @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                    String ifNoneMatch) {
        EpochGrid grid = grids.find(id, epoch);
        // "*" matches any current version (RFC 9110, 13.1.2); Spring compares only entity tags.
        if (ifNoneMatch != null && ifNoneMatch.strip().equals("*")) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                    .eTag(grid.etag())
                    .build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .eTag(grid.etag())
                .body(grid.png());
    }
}
