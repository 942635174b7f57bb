package dev.ganservice.job;

import dev.ganservice.imaging.ImageGrid;
import dev.ganservice.imaging.PngEncoder;
import dev.ganservice.model.Gan;
import dev.ganservice.model.Noise;
import dev.ganservice.quality.QualityModel;
import dev.ganservice.quality.QualityScore;
import dev.ganservice.storage.AtomicFiles;
import dev.ganservice.storage.CheckpointInfo;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.training.EpochResult;
import dev.ganservice.training.Seeds;
import dev.ganservice.training.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every epoch, whatever its losses: writes the checkpoint, draws the grid from the job's
 * fixed noise, scores the generator's quality, adds the epoch to the job's history and rewrites
 * {@code run.json}.
 */
final class EpochCheckpointer implements TrainingListener {

    private static final Logger log = LoggerFactory.getLogger(EpochCheckpointer.class);

    static final int GRID_IMAGES = 64;
    static final int GRID_COLUMNS = 8;
    static final int GRID_SCALE = 2;

    /**
     * The grid's noise comes from slot 0 of the job's fixed-noise stream; scoring draws from slot
     * 1, so both stay the same every epoch and neither repeats the other.
     */
    private static final int QUALITY_NOISE_SLOT = 1;

    private final TrainingJob job;
    private final JobResources resources;
    private final INDArray gridNoise;
    private final QualityModel quality;

    /** {@code quality} scores each epoch; null leaves epochs unscored. */
    EpochCheckpointer(TrainingJob job, JobResources resources, QualityModel quality) {
        this.job = job;
        this.resources = resources;
        this.quality = quality;
        JobParameters parameters = job.parameters();
        this.gridNoise =
                new Noise(
                                Seeds.derive(parameters.seed(), Seeds.Stream.GRID_NOISE, 0),
                                parameters.latentSize())
                        .next(GRID_IMAGES);
    }

    @Override
    public void onEpoch(EpochResult result, Gan gan) {
        RunFolder folder = job.folder();
        Path checkpoint = folder.checkpoint(result.epoch());
        Path grid = folder.grid(result.epoch());
        long started = System.nanoTime();
        long bytes;
        try {
            ensureRoom(folder, gan);
            resources
                    .checkpoints()
                    .write(
                            checkpoint,
                            gan,
                            new CheckpointInfo(
                                    CheckpointInfo.FORMAT,
                                    job.id(),
                                    result.epoch(),
                                    gan.spec(),
                                    resources.clock().instant(),
                                    resources.software().toString()));
            resources.checkpoints().verify(checkpoint);
            bytes = Files.size(checkpoint);
            AtomicFiles.write(grid, drawGrid(gan));
        } catch (IOException e) {
            String why =
                    e instanceof NoSuchFileException
                            ? "the run folder or a file in it has disappeared ("
                                    + e.getMessage()
                                    + ")"
                            : e.getMessage();
            throw new UncheckedIOException(
                    "Cannot save epoch " + result.epoch() + " in " + folder + ": " + why, e);
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        QualityScore score = score(result.epoch(), gan);

        EpochSummary summary =
                EpochSummary.of(
                        result,
                        checkpoint.getFileName().toString(),
                        grid.getFileName().toString(),
                        score);
        job.epochFinished(summary);
        deleteOldCheckpoints(folder);
        resources.events().accept(new EpochEnded(job.id(), summary));
        resources
                .events()
                .accept(new CheckpointSaved(job.id(), result.epoch(), checkpoint, seconds, bytes));
        log.info(
                "Job {} epoch {}/{}: D loss {}, G loss {}, D(x) {}, D(G(z)) {}, {} s at {}"
                        + " images/s{}; saved {}",
                job.id(),
                result.epoch(),
                job.parameters().epochs(),
                round(result.discriminatorLoss()),
                round(result.generatorLoss()),
                round(result.realScore()),
                round(result.fakeScore()),
                round(result.seconds()),
                Math.round(result.imagesPerSecond()),
                score == null
                        ? ""
                        : String.format(
                                "; FID %.3f (scored in %.1f s)", score.fid(), score.seconds()),
                checkpoint);
    }

    /**
     * The epoch's quality score, taken after its checkpoint is safe on disk; null when scoring is
     * off or fails. A failure costs the epoch its score, never its checkpoint or its place in the
     * history, so even running out of memory here is only logged.
     */
    private QualityScore score(int epoch, Gan gan) {
        if (quality == null) {
            return null;
        }
        long seed =
                Seeds.derive(job.parameters().seed(), Seeds.Stream.GRID_NOISE, QUALITY_NOISE_SLOT);
        try {
            return quality.score(gan.generator(), gan.spec().latentSize(), seed);
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("Job {}: cannot score epoch {}; its fid stays empty", job.id(), epoch, e);
            return null;
        }
    }

    /**
     * Keeps the newest {@code gan.checkpoints.keep-last} checkpoints of the job's history and
     * deletes the older zips; grids and {@code run.json} stay. Every kept checkpoint was read back
     * when it was written, so the newest one kept is readable. A failure to delete costs disk
     * space, not the job.
     */
    private void deleteOldCheckpoints(RunFolder folder) {
        Integer keepLast = resources.keepLast();
        if (keepLast == null) {
            return;
        }
        List<Integer> recorded =
                job.snapshot().history().stream()
                        .filter(summary -> summary.checkpoint() != null)
                        .map(EpochSummary::epoch)
                        .toList();
        Set<Integer> deleted = new TreeSet<>();
        for (int epoch : recorded.subList(0, Math.max(0, recorded.size() - keepLast))) {
            Path file = folder.checkpoint(epoch);
            try {
                Files.deleteIfExists(file);
                deleted.add(epoch);
            } catch (IOException e) {
                log.warn(
                        "Job {}: cannot delete old checkpoint {}: {}",
                        job.id(),
                        file,
                        e.toString());
            }
        }
        if (!deleted.isEmpty()) {
            job.checkpointsDeleted(deleted);
            log.info(
                    "Job {}: deleted the checkpoints of epochs {} (gan.checkpoints.keep-last: {})",
                    job.id(),
                    deleted,
                    keepLast);
        }
    }

    /**
     * Fails the job before a checkpoint would leave less than the configured space free: the disk
     * stays usable and every earlier checkpoint stays intact.
     */
    private void ensureRoom(RunFolder folder, Gan gan) throws IOException {
        // Parameters plus Adam's two moments per parameter, four bytes each, for both networks.
        long parameters = gan.generator().numParams() + gan.discriminator().numParams();
        long needed = 3 * 4 * parameters;
        long free = Files.getFileStore(folder.path()).getUsableSpace();
        if (free - needed < resources.minFreeBytes()) {
            throw new IOException(
                    String.format(
                            "not enough disk space: %d MB free, a checkpoint needs about %d MB,"
                                    + " and gan.checkpoints.min-free-space keeps %d MB free",
                            free >> 20, needed >> 20, resources.minFreeBytes() >> 20));
        }
    }

    private byte[] drawGrid(Gan gan) {
        float[] images = gan.generator().output(gridNoise, false).ravel().toFloatVector();
        return PngEncoder.encode(
                ImageGrid.render(images, gan.spec().image(), GRID_COLUMNS, GRID_SCALE));
    }

    private static String round(double value) {
        return String.format("%.3f", value);
    }
}
