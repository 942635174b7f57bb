package dev.ganservice.metrics;

import dev.ganservice.job.EpochEnded;
import dev.ganservice.job.EpochSummary;
import dev.ganservice.job.JobAccepted;
import dev.ganservice.job.JobResumed;
import dev.ganservice.job.JobService;
import dev.ganservice.quality.QualityModel;
import dev.ganservice.quality.QualityScorer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Meters of the quality score: each job's latest score and the time scoring takes (tagged with the
 * job, and removed with the job's other meters by {@link TrainingMetrics}), and the classifier's
 * accuracy and floor. The README lists them.
 */
@Component
class QualityMetrics {

    private final MeterRegistry registry;
    private final JobService jobs;

    QualityMetrics(MeterRegistry registry, JobService jobs, QualityScorer scorer) {
        this.registry = registry;
        this.jobs = jobs;
        modelGauge(
                scorer,
                "gan.quality.classifier.accuracy",
                "Test accuracy of the classifier whose features the quality score compares",
                QualityModel::testAccuracy);
        modelGauge(
                scorer,
                "gan.quality.floor",
                "Quality score of real training images against the test split: the best a"
                        + " generator can expect",
                QualityModel::floor);
    }

    @EventListener
    void onAccepted(JobAccepted accepted) {
        registerJob(accepted.job().id());
    }

    @EventListener
    void onResumed(JobResumed resumed) {
        String id = resumed.job().id();
        // As in TrainingMetrics: a gauge still registered serves the resumed job as it is.
        if (registry.find("gan.training.quality").tag(TrainingMetrics.JOB, id).gauge() == null) {
            registerJob(id);
        }
    }

    @EventListener
    void onEpochEnded(EpochEnded ended) {
        Double seconds = ended.epoch().fidSeconds();
        if (seconds == null) {
            return;
        }
        Timer.builder("gan.training.quality.duration")
                .description("Time to generate and score an epoch's quality samples")
                .tag(TrainingMetrics.JOB, ended.job())
                .register(registry)
                .record(Duration.ofNanos((long) (seconds * 1e9)));
    }

    private void registerJob(String id) {
        Gauge.builder(
                        "gan.training.quality",
                        jobs,
                        service ->
                                service.find(id)
                                        .map(job -> latestScore(job.history()))
                                        .orElse(Double.NaN))
                .description("Quality score (fid) of the job's last epoch; lower is better")
                .tag(TrainingMetrics.JOB, id)
                .register(registry);
    }

    private static double latestScore(List<EpochSummary> history) {
        if (history.isEmpty() || history.get(history.size() - 1).fid() == null) {
            return Double.NaN;
        }
        return history.get(history.size() - 1).fid();
    }

    private void modelGauge(
            QualityScorer scorer,
            String name,
            String description,
            ToDoubleFunction<QualityModel> value) {
        Gauge.builder(
                        name,
                        scorer,
                        source -> source.current().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .register(registry);
    }
}
