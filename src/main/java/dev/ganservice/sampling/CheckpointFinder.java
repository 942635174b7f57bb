package dev.ganservice.sampling;

import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Finds the checkpoints a sample request may use, by asking the runs folder what is on disk. */
public final class CheckpointFinder {

    private final RunsDirectory runs;

    public CheckpointFinder(RunsDirectory runs) {
        this.runs = runs;
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
            return runs.list().stream()
                    .flatMap(folder -> newestFirst(folder, folder.checkpointEpochs()));
        }
        RunFolder folder =
                runs.find(job)
                        .orElseThrow(
                                () ->
                                        new NoCheckpointException(
                                                "No run folder is called '"
                                                        + job
                                                        + "'. GET /train lists the jobs."));
        List<Integer> epochs = folder.checkpointEpochs();
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

    private static Stream<CheckpointRef> newestFirst(RunFolder folder, List<Integer> epochs) {
        return IntStream.range(0, epochs.size())
                .mapToObj(i -> epochs.get(epochs.size() - 1 - i))
                .map(epoch -> new CheckpointRef(folder.id(), epoch, folder.checkpoint(epoch)));
    }
}
