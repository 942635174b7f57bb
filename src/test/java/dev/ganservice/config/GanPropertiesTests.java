package dev.ganservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class GanPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GanProperties.class)
    static class PropertiesOnly {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                    .withUserConfiguration(PropertiesOnly.class);

    @Test
    void withNoSettingsAtAllEveryDefaultApplies() {
        context.run(
                started -> {
                    GanProperties properties = started.getBean(GanProperties.class);

                    assertThat(properties.workers()).isEqualTo(1);
                    assertThat(properties.queueCapacity()).isEqualTo(8);
                    assertThat(properties.runsDir()).isEqualTo(Path.of("runs"));
                    assertThat(properties.data().dirs())
                            .containsExactly(
                                    Path.of("data/fashion-mnist"),
                                    Path.of("/usr/share/datasets/fashion-mnist"));
                    assertThat(properties.nd4j().cacheDir()).isNull();
                    assertThat(properties.nd4j().threads()).isZero();
                    assertThat(properties.nd4j().ompWaitPolicy()).isEqualTo("PASSIVE");
                });
    }

    @Test
    void bindsTheOperatorsSettings() {
        context.withPropertyValues(
                        "gan.workers=3",
                        "gan.queue-capacity=0",
                        "gan.runs-dir=/srv/runs",
                        "gan.data.dirs=/a,/b",
                        "gan.nd4j.threads=1",
                        "gan.nd4j.cache-dir=/var/cache/j",
                        "gan.nd4j.omp-wait-policy=ACTIVE")
                .run(
                        started -> {
                            GanProperties properties = started.getBean(GanProperties.class);

                            assertThat(properties.workers()).isEqualTo(3);
                            assertThat(properties.queueCapacity()).isZero();
                            assertThat(properties.runsDir()).isEqualTo(Path.of("/srv/runs"));
                            assertThat(properties.data().dirs())
                                    .containsExactly(Path.of("/a"), Path.of("/b"));
                            assertThat(properties.nd4j().cacheDir())
                                    .isEqualTo(Path.of("/var/cache/j"));
                            assertThat(properties.nd4j().ompWaitPolicy()).isEqualTo("ACTIVE");
                        });
    }

    @Test
    void refusesToStartWithSettingsOutOfRangeNamingThem() {
        context.withPropertyValues("gan.workers=0", "gan.nd4j.omp-wait-policy=SPIN")
                .run(
                        started -> {
                            assertThat(started).hasFailed();
                            assertThat(started.getStartupFailure())
                                    .rootCause()
                                    .message()
                                    .contains(
                                            "gan.workers", "nd4j.ompWaitPolicy", "PASSIVE|ACTIVE");
                        });
    }

    @Test
    void defaultsToEightRequestsAtOnceWaitingFiveSeconds() {
        context.run(
                started -> {
                    GanProperties.Samples samples = started.getBean(GanProperties.class).samples();

                    assertThat(samples.maxConcurrent()).isEqualTo(8);
                    assertThat(samples.maxWait()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void bindsTheOperatorsLimit() {
        context.withPropertyValues("gan.samples.max-concurrent=2", "gan.samples.max-wait=250ms")
                .run(
                        started -> {
                            GanProperties.Samples samples =
                                    started.getBean(GanProperties.class).samples();

                            assertThat(samples.maxConcurrent()).isEqualTo(2);
                            assertThat(samples.maxWait()).isEqualTo(Duration.ofMillis(250));
                        });
    }

    @Test
    void refusesToStartWithALimitThatAdmitsNothingOrAWaitOutOfRange() {
        context.withPropertyValues("gan.samples.max-concurrent=0", "gan.samples.max-wait=-1s")
                .run(
                        started -> {
                            assertThat(started).hasFailed();
                            assertThat(started.getStartupFailure())
                                    .rootCause()
                                    .message()
                                    .contains("samples.maxConcurrent", "samples.maxWait");
                        });
        context.withPropertyValues("gan.samples.max-wait=2m")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void eventStreamsDefaultToSixtyFourWithAHeartbeatEveryFifteenSeconds() {
        context.run(
                started -> {
                    GanProperties.Events events = started.getBean(GanProperties.class).events();

                    assertThat(events.maxStreams()).isEqualTo(64);
                    assertThat(events.heartbeat()).isEqualTo(Duration.ofSeconds(15));
                });
    }

    @Test
    void refusesToStartWithNoEventStreamsOrAHeartbeatOutOfRange() {
        context.withPropertyValues("gan.events.max-streams=0", "gan.events.heartbeat=10ms")
                .run(
                        started -> {
                            assertThat(started).hasFailed();
                            assertThat(started.getStartupFailure())
                                    .rootCause()
                                    .message()
                                    .contains("events.maxStreams", "events.heartbeat");
                        });
        context.withPropertyValues("gan.events.heartbeat=10m")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void scoresFiveThousandImagesPerEpochWithAClassifierOfTwoEpochsOverAllImages() {
        context.run(
                started -> {
                    GanProperties.Quality quality = started.getBean(GanProperties.class).quality();

                    assertThat(quality.enabled()).isTrue();
                    assertThat(quality.samples()).isEqualTo(5000);
                    assertThat(quality.cacheDir()).isNull();
                    assertThat(quality.classifierEpochs()).isEqualTo(2);
                    assertThat(quality.classifierImages()).isNull();
                });
    }

    @Test
    void bindsTheQualitySettingsAndRefusesThemOutOfRange() {
        context.withPropertyValues(
                        "gan.quality.enabled=false",
                        "gan.quality.samples=200",
                        "gan.quality.cache-dir=/var/cache/quality",
                        "gan.quality.classifier-epochs=1",
                        "gan.quality.classifier-images=1000")
                .run(
                        started -> {
                            GanProperties.Quality quality =
                                    started.getBean(GanProperties.class).quality();

                            assertThat(quality.enabled()).isFalse();
                            assertThat(quality.samples()).isEqualTo(200);
                            assertThat(quality.cacheDir()).isEqualTo(Path.of("/var/cache/quality"));
                            assertThat(quality.classifierEpochs()).isEqualTo(1);
                            assertThat(quality.classifierImages()).isEqualTo(1000);
                        });
        context.withPropertyValues(
                        "gan.quality.samples=1",
                        "gan.quality.classifier-epochs=0",
                        "gan.quality.classifier-images=10")
                .run(
                        started -> {
                            assertThat(started).hasFailed();
                            assertThat(started.getStartupFailure())
                                    .rootCause()
                                    .message()
                                    .contains(
                                            "quality.samples",
                                            "quality.classifierEpochs",
                                            "quality.classifierImages");
                        });
    }
}
