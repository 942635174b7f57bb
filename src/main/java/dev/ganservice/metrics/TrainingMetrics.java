package dev.ganservice.metrics;

import dev.ganservice.config.GanProperties;
import dev.ganservice.job.CheckpointSaved;
import dev.ganservice.job.EpochEnded;
import dev.ganservice.job.EpochSummary;
import dev.ganservice.job.JobAccepted;
import dev.ganservice.job.JobEnded;
import dev.ganservice.job.JobResumed;
import dev.ganservice.job.JobService;
import dev.ganservice.job.JobSnapshot;
import dev.ganservice.job.JobStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Feeds Micrometer from the job layer: gauges over the job list, counters and timers from job
 * events. Per-job meters carry a {@code job} tag; those of a finished job are removed once {@code
 * gan.metrics.finished-jobs-kept} newer jobs have finished, so the number of series stays bounded
 * however long the service runs. The README lists every metric.
 */
@Component
class TrainingMetrics {

    static final String JOB = "job";

    private final MeterRegistry registry;
    private final JobService jobs;
    private final int finishedJobsKept;
    private final Counter submitted;
    private final Counter resumed;
    private final Map<JobStatus, Counter> ended = new EnumMap<>(JobStatus.class);
    private final Deque<String> finished = new ArrayDeque<>();

    TrainingMetrics(MeterRegistry registry, JobService jobs, GanProperties properties) {
        this.registry = registry;
        this.jobs = jobs;
        this.finishedJobsKept = properties.metrics().finishedJobsKept();

        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("gan.jobs", jobs, service -> service.count(status))
                    .description("Jobs this process knows, by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("gan.queue.jobs", jobs, service -> service.count(JobStatus.QUEUED))
                .description("Jobs waiting for a worker")
                .register(registry);
        Gauge.builder("gan.queue.capacity", properties, settings -> settings.queueCapacity())
                .description("Jobs that may wait for a worker (gan.queue-capacity)")
                .register(registry);
        Gauge.builder("gan.workers.busy", jobs, service -> service.count(JobStatus.RUNNING))
                .description("Workers training a job")
                .register(registry);
        Gauge.builder("gan.workers.max", properties, settings -> settings.workers())
                .description("Workers in the pool (gan.workers)")
                .register(registry);

        submitted =
                Counter.builder("gan.jobs.submitted")
                        .description("Jobs accepted by POST /train")
                        .register(registry);
        resumed =
                Counter.builder("gan.jobs.resumed")
                        .description("Jobs queued again by resume, by hand or at start-up")
                        .register(registry);
        for (JobStatus status :
                new JobStatus[] {
                    JobStatus.SUCCEEDED,
                    JobStatus.FAILED,
                    JobStatus.CANCELLED,
                    JobStatus.INTERRUPTED
                }) {
            String name = "gan.jobs." + status.name().toLowerCase(Locale.ROOT);
            ended.put(
                    status,
                    Counter.builder(name)
                            .description("Jobs that ended " + status)
                            .register(registry));
        }
    }

    @EventListener
    void onAccepted(JobAccepted accepted) {
        submitted.increment();
        registerJob(accepted.job().id());
    }

    @EventListener
    void onResumed(JobResumed resumed) {
        this.resumed.increment();
        String id = resumed.job().id();
        synchronized (this) {
            finished.remove(id);
        }
        // The gauges read the job by id, so those of a job not yet forgotten serve it again;
        // registering them twice only makes Micrometer warn.
        if (registry.find("gan.training.epoch").tag(JOB, id).gauge() == null) {
            registerJob(id);
        }
    }

    private void registerJob(String id) {
        jobGauge(
                id,
                "gan.training.images.per.second",
                "Images per second in the current epoch",
                JobSnapshot::imagesPerSecond);
        jobGauge(id, "gan.training.epoch", "Epoch being trained", JobSnapshot::epoch);
        epochGauge(
                id,
                "gan.training.discriminator.loss",
                "Discriminator loss of the last epoch",
                EpochSummary::discriminatorLoss);
        epochGauge(
                id,
                "gan.training.generator.loss",
                "Generator loss of the last epoch",
                EpochSummary::generatorLoss);
        epochGauge(
                id,
                "gan.training.real.score",
                "Mean D(x) of the last epoch",
                EpochSummary::realScore);
        epochGauge(
                id,
                "gan.training.fake.score",
                "Mean D(G(z)) of the last epoch",
                EpochSummary::fakeScore);
    }

    @EventListener
    void onEpochEnded(EpochEnded epoch) {
        Timer.builder("gan.training.epoch.duration")
                .description("Wall-clock time of an epoch")
                .tag(JOB, epoch.job())
                .register(registry)
                .record(Duration.ofNanos((long) (epoch.epoch().seconds() * 1e9)));
    }

    @EventListener
    void onCheckpointSaved(CheckpointSaved saved) {
        Timer.builder("gan.checkpoint.save.duration")
                .description("Time to write an epoch's checkpoint and grid")
                .tag(JOB, saved.job())
                .register(registry)
                .record(Duration.ofNanos((long) (saved.seconds() * 1e9)));
        DistributionSummary.builder("gan.checkpoint.size")
                .description("Size of a checkpoint file")
                .baseUnit("bytes")
                .tag(JOB, saved.job())
                .register(registry)
                .record(saved.bytes());
    }

    @EventListener
    void onEnded(JobEnded end) {
        Counter counter = ended.get(end.job().status());
        if (counter != null) {
            counter.increment();
        }
        forgetOldJobs(end.job().id());
    }

    private synchronized void forgetOldJobs(String justFinished) {
        finished.addLast(justFinished);
        while (finished.size() > finishedJobsKept) {
            String old = finished.removeFirst();
            registry.getMeters().stream()
                    .filter(meter -> old.equals(meter.getId().getTag(JOB)))
                    .forEach(registry::remove);
        }
    }

    private void jobGauge(
            String id, String name, String description, ToDoubleFunction<JobSnapshot> value) {
        Gauge.builder(
                        name,
                        jobs,
                        service -> service.find(id).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .tag(JOB, id)
                .register(registry);
    }

    private void epochGauge(
            String id, String name, String description, ToDoubleFunction<EpochSummary> value) {
        jobGauge(
                id,
                name,
                description,
                job ->
                        job.history().isEmpty()
                                ? Double.NaN
                                : value.applyAsDouble(job.history().get(job.history().size() - 1)));
    }
}
