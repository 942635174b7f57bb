package dev.ganservice.sampling;

import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Finds the checkpoints a sample request may use, by asking the runs folder what is on disk. The
 * runs folder's list of run folders and each run folder's list of checkpoints are read again only
 * when the folder has changed (see {@link FolderListing}), so a request costs a few {@code stat}
 * calls rather than listings, and still sees a new job or epoch as soon as its file is in place.
 */
public final class CheckpointFinder {

    private final RunsDirectory runs;
    private final Clock clock;
    private final Duration settle;
    private final FolderListing<List<RunFolder>> runFolders;

    /** The checkpoint epochs of each run folder asked about so far, by job id. */
    private final Map<String, FolderListing<List<Integer>>> epochListings =
            new ConcurrentHashMap<>();

    public CheckpointFinder(RunsDirectory runs) {
        this(runs, Clock.systemUTC(), FolderListing.SETTLE);
    }

    CheckpointFinder(RunsDirectory runs, Clock clock, Duration settle) {
        this.runs = runs;
        this.clock = clock;
        this.settle = settle;
        this.runFolders = new FolderListing<>(runs.root(), this::listRunFolders, clock, settle);
    }

    /**
     * The checkpoints that can answer a request, best first: of {@code epoch} of {@code job} when
     * both are given; else the epochs of {@code job}, newest first; else the epochs of every job,
     * newest job first. A caller takes the first that loads. The stream is lazy, so the runs folder
     * is read only as far as needed, and may turn out empty when no job has a checkpoint.
     *
     * @throws NoCheckpointException when the job or the epoch asked for has no checkpoint
     */
    public Stream<CheckpointRef> candidates(String job, Integer epoch) {
        if (job == null) {
            return runFolders.get().stream()
                    .flatMap(folder -> newestFirst(folder, checkpointEpochs(folder)));
        }
        RunFolder folder =
                runs.find(job)
                        .orElseThrow(
                                () ->
                                        new NoCheckpointException(
                                                "No run folder is called '"
                                                        + job
                                                        + "'. GET /train lists the jobs."));
        List<Integer> epochs = checkpointEpochs(folder);
        if (epoch == null) {
            if (epochs.isEmpty()) {
                throw new NoCheckpointException("Job " + job + " has not finished an epoch yet.");
            }
            return newestFirst(folder, epochs);
        }
        if (!epochs.contains(epoch)) {
            throw new NoCheckpointException(
                    "Job "
                            + job
                            + " has no checkpoint for epoch "
                            + epoch
                            + (epochs.isEmpty()
                                    ? "; it has none yet."
                                    : "; it has epochs " + epochs + "."));
        }
        return Stream.of(new CheckpointRef(job, epoch, folder.checkpoint(epoch)));
    }

    private List<Integer> checkpointEpochs(RunFolder folder) {
        return epochListings
                .computeIfAbsent(
                        folder.id(),
                        id ->
                                new FolderListing<>(
                                        folder.path(), folder::checkpointEpochs, clock, settle))
                .get();
    }

    /** The run folders, newest first; those gone from disk are forgotten. */
    private List<RunFolder> listRunFolders() {
        List<RunFolder> folders = runs.list();
        Set<String> ids = folders.stream().map(RunFolder::id).collect(Collectors.toSet());
        epochListings.keySet().retainAll(ids);
        return folders;
    }

    private static Stream<CheckpointRef> newestFirst(RunFolder folder, List<Integer> epochs) {
        return IntStream.range(0, epochs.size())
                .mapToObj(i -> epochs.get(epochs.size() - 1 - i))
                .map(epoch -> new CheckpointRef(folder.id(), epoch, folder.checkpoint(epoch)));
    }
}
