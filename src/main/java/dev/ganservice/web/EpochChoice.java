package dev.ganservice.web;

import dev.ganservice.job.JobService;
import dev.ganservice.sampling.InvalidSampleRequestException;
import org.springframework.stereotype.Component;

/**
 * The {@code epoch} parameter of the endpoints that draw from a checkpoint: a number, {@code best}
 * (the job's epoch with the lowest quality score whose checkpoint is kept), or nothing (the job's
 * newest). Both endpoints accept the same values with the same messages.
 */
@Component
class EpochChoice {

    /** The value that asks for the epoch with the lowest quality score. */
    static final String BEST = "best";

    static final String PATTERN = "\\s*(best|\\+?0*[1-9][0-9]*)?\\s*";
    static final String MESSAGE = "must be a whole number of at least 1, or best";
    static final String DESCRIPTION =
            "Epoch of that job, or best: the epoch with the lowest quality score (fid) whose"
                    + " checkpoint is kept. Its newest when absent. Needs job.";

    private final JobService jobs;

    EpochChoice(JobService jobs) {
        this.jobs = jobs;
    }

    /** The epoch a request names; null when it names none (the job's newest). */
    Integer resolve(String job, String epoch) {
        String wanted = epoch == null ? "" : epoch.strip();
        if (wanted.isEmpty()) {
            return null;
        }
        if (job == null) {
            throw new SamplesController.MissingJobException();
        }
        if (BEST.equals(wanted)) {
            return jobs.bestEpoch(job);
        }
        try {
            return Integer.valueOf(wanted);
        } catch (NumberFormatException e) {
            throw new InvalidSampleRequestException(
                    "epoch", "epoch " + MESSAGE + "; got '" + epoch + "'.");
        }
    }

    /**
     * Whether the answer is fixed for good: seed, job and a numbered epoch. {@code best} names
     * whichever epoch scores best now, which can change while a job trains.
     */
    static boolean fixesTheAnswer(Long seed, String job, String epoch, Integer number) {
        return seed != null && job != null && number != null && !BEST.equals(epoch.strip());
    }
}
