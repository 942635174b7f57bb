package dev.ganservice.live;

import dev.ganservice.job.EpochSummary;
import dev.ganservice.job.JobService;
import dev.ganservice.job.JobSnapshot;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads the grid a job drew from its fixed noise after an epoch. Only epochs in the job's history
 * count, and only a plain file directly inside the job's run folder, itself directly inside the
 * runs folder, is read: a link, anything that resolves outside, and a file that is not a whole PNG
 * (grids are written atomically, so such a file was damaged by hand) are treated as missing.
 */
@Component
public class EpochGrids {

    /** Far above a real grid (about 100 KB), far below what would strain the heap. */
    static final long MAX_BYTES = 16L << 20;

    private static final byte[] PNG_START = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** An empty IEND chunk: length 0, its type, and the CRC of the type. */
    private static final byte[] PNG_END = {
        0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82
    };

    private final JobService jobs;
    private final RunsDirectory runs;

    public EpochGrids(JobService jobs, RunsDirectory runs) {
        this.jobs = jobs;
        this.runs = runs;
    }

    /**
     * The grid of {@code epoch} of job {@code id}.
     *
     * @throws dev.ganservice.job.JobNotFoundException when no job has the id
     * @throws NoGridException when the job has not finished that epoch, or its grid is gone
     */
    public EpochGrid find(String id, int epoch) {
        JobSnapshot job = jobs.get(id);
        List<Integer> epochs =
                job.history().stream()
                        .filter(summary -> summary.grid() != null)
                        .map(EpochSummary::epoch)
                        .toList();
        if (!epochs.contains(epoch)) {
            throw new NoGridException(
                    "Job "
                            + id
                            + " has no grid for epoch "
                            + epoch
                            + (epochs.isEmpty()
                                    ? "; it has not finished an epoch yet."
                                    : "; it has grids for epochs " + epochs + "."));
        }

        RunFolder folder = runs.find(id).orElseThrow(() -> gone(id, epoch));
        byte[] png = read(folder, folder.grid(epoch), id, epoch);
        if (!isWholePng(png)) {
            throw gone(id, epoch);
        }
        return new EpochGrid(png, etag(png));
    }

    private byte[] read(RunFolder folder, Path file, String id, int epoch) {
        try {
            Path folderPath = folder.path();
            if (Files.isSymbolicLink(folderPath)
                    || !folderPath.toRealPath().getParent().equals(runs.root().toRealPath())
                    || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !file.toRealPath().getParent().equals(folderPath.toRealPath())
                    || Files.size(file) > MAX_BYTES) {
                throw gone(id, epoch);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw gone(id, epoch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static NoGridException gone(String id, int epoch) {
        return new NoGridException(
                "The grid of epoch "
                        + epoch
                        + " of job "
                        + id
                        + " is no longer in its run folder.");
    }

    /** PNG's signature at the start and its IEND chunk at the end. */
    static boolean isWholePng(byte[] bytes) {
        return bytes.length >= PNG_START.length + PNG_END.length
                && Arrays.equals(bytes, 0, PNG_START.length, PNG_START, 0, PNG_START.length)
                && Arrays.equals(
                        bytes,
                        bytes.length - PNG_END.length,
                        bytes.length,
                        PNG_END,
                        0,
                        PNG_END.length);
    }

    /** The first 128 bits of the bytes' SHA-256, which changes whenever the grid does. */
    private static String etag(byte[] png) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(png);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
