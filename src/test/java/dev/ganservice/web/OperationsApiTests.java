package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.job.JobAccepted;
import dev.ganservice.job.JobEnded;
import dev.ganservice.job.JobResumed;
import dev.ganservice.job.JobSnapshot;
import dev.ganservice.job.JobStatus;
import dev.ganservice.support.Http;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/** Actuator's health, info and Prometheus endpoints as an operator sees them. */
class OperationsApiTests extends ApiTestBase {

    @Autowired ApplicationEventPublisher events;

    @Test
    void prometheusShowsEveryTrainingAndSamplingMetricWithSensibleValues() {
        String job = start("{\"epochs\": 2, \"batchSize\": 64, \"limit\": 128, \"seed\": 4}");
        waitForEnd(job);
        assertThat(http.get("/samples?job=" + job + "&count=4").status()).isEqualTo(200);

        String scrape = http.get("/actuator/prometheus").text();

        String tag = "job=\"" + job + "\"";
        assertThat(value(scrape, "gan_training_epoch", tag)).isEqualTo(2);
        // A finished job trains nothing, so dashboards summing throughput do not over-count.
        assertThat(value(scrape, "gan_training_images_per_second", tag)).isZero();
        assertThat(value(scrape, "gan_training_discriminator_loss", tag)).isPositive();
        assertThat(value(scrape, "gan_training_generator_loss", tag)).isPositive();
        assertThat(value(scrape, "gan_training_real_score", tag)).isBetween(0.0, 1.0);
        assertThat(value(scrape, "gan_training_fake_score", tag)).isBetween(0.0, 1.0);
        assertThat(value(scrape, "gan_training_epoch_duration_seconds_count", tag)).isEqualTo(2);
        assertThat(value(scrape, "gan_checkpoint_save_duration_seconds_count", tag)).isEqualTo(2);
        assertThat(value(scrape, "gan_checkpoint_size_bytes_max", tag)).isGreaterThan(1 << 20);
        assertThat(value(scrape, "gan_jobs_submitted_total", "")).isPositive();
        assertThat(value(scrape, "gan_jobs_succeeded_total", "")).isPositive();
        assertThat(scrape).contains("gan_jobs_failed_total", "gan_jobs_cancelled_total");
        assertThat(value(scrape, "gan_jobs", "status=\"SUCCEEDED\"")).isPositive();
        assertThat(scrape).contains("gan_queue_jobs", "gan_queue_capacity", "gan_workers_busy");
        assertThat(value(scrape, "gan_workers_max", "")).isEqualTo(1);
        assertThat(value(scrape, "gan_samples_requests_seconds_count", "outcome=\"ok\""))
                .isPositive();
        assertThat(scrape)
                .contains(
                        "gan_samples_generation_seconds{quantile=\"0.99\"",
                        "gan_samples_encoding_seconds{quantile=\"0.5\"");
    }

    @Test
    void perJobSeriesStayBoundedHoweverManyJobsFinish() {
        for (int i = 0; i < 200; i++) {
            JobSnapshot job = syntheticJob(String.format("1999-01-01_00-00-00-%d", i + 2));
            events.publishEvent(new JobAccepted(job));
            events.publishEvent(new JobEnded(job));
        }

        String scrape = http.get("/actuator/prometheus").text();

        long synthetic = scrape.lines().filter(line -> line.contains("1999-01-01")).count();
        // Ten finished jobs keep their seven gauges each (gan.metrics.finished-jobs-kept): six of
        // training, one of quality.
        assertThat(synthetic).isLessThanOrEqualTo(10 * 7).isPositive();
        assertThat(scrape).doesNotContain("1999-01-01_00-00-00-2\"");
    }

    @Test
    void aResumedJobHasOneSeriesPerGaugeWhetherOrNotItsGaugesWereForgotten() {
        JobSnapshot kept = syntheticJob("1998-01-01_00-00-00-1");
        events.publishEvent(new JobAccepted(kept));
        events.publishEvent(new JobEnded(kept));
        events.publishEvent(new JobResumed(kept));
        JobSnapshot forgotten = syntheticJob("1998-01-01_00-00-00-2");
        events.publishEvent(new JobAccepted(forgotten));
        events.publishEvent(new JobEnded(forgotten));
        for (int i = 0; i < 20; i++) {
            JobSnapshot other = syntheticJob(String.format("1998-01-02_00-00-00-%d", i + 2));
            events.publishEvent(new JobAccepted(other));
            events.publishEvent(new JobEnded(other));
        }
        events.publishEvent(new JobResumed(forgotten));

        String scrape = http.get("/actuator/prometheus").text();

        for (String id : List.of(kept.id(), forgotten.id())) {
            for (String gauge : List.of("gan_training_epoch{", "gan_training_quality{")) {
                long series =
                        scrape.lines()
                                .filter(line -> line.startsWith(gauge))
                                .filter(line -> line.contains("\"" + id + "\""))
                                .count();
                assertThat(series).as("%s series of %s", gauge, id).isEqualTo(1);
            }
        }
    }

    @Test
    void infoNamesTheVersionCommitAndBackend() {
        JsonNode info = http.get("/actuator/info").json();

        assertThat(info.get("build").get("version").asString()).isNotBlank();
        assertThat(info.get("git").get("commit").get("id").asString()).isNotBlank();
        JsonNode nd4j = info.get("nd4j");
        assertThat(nd4j.get("state").asString()).isEqualTo("READY");
        assertThat(nd4j.get("backend").asString()).isEqualTo("CPU");
        assertThat(nd4j.get("blasVendor").asString()).isEqualTo("OPENBLAS");
        assertThat(nd4j.get("threads").asInt()).isPositive();
        assertThat(nd4j.get("devices").get(0).get("type").asString()).isEqualTo("cpu");
        assertThat(nd4j.get("deeplearning4j").asString()).isEqualTo("1.0.0-M2.1");
    }

    @Test
    void readinessCoversTheBackendTheRunsFolderAndItsDisk() {
        Http.Response readiness = http.get("/actuator/health/readiness");
        Http.Response liveness = http.get("/actuator/health/liveness");

        assertThat(readiness.status()).isEqualTo(200);
        JsonNode components = readiness.json().get("components");
        assertThat(components.get("nd4j").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("runsFolder").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("diskSpace").get("details").get("path").asString())
                .isEqualTo(RUNS.toString());
        assertThat(liveness.status()).isEqualTo(200);
    }

    private static JobSnapshot syntheticJob(String id) {
        return new JobSnapshot(
                id,
                JobStatus.SUCCEEDED,
                null,
                "/nowhere",
                2,
                1,
                1,
                1,
                1,
                1.0,
                null,
                Instant.EPOCH,
                Instant.EPOCH,
                Instant.EPOCH,
                false,
                null,
                null,
                null,
                0,
                List.of());
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code label}. */
    private static double value(String scrape, String metric, String label) {
        Pattern line =
                Pattern.compile(
                        "^" + Pattern.quote(metric) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        while (matcher.find()) {
            String labels = matcher.group(1) == null ? "" : matcher.group(1);
            if (labels.contains(label)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no " + metric + " with " + label + " in the scrape");
    }
}
