package dev.ganservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** {@code gan.samples.*}: the sampling concurrency limit. */
class SamplesSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GanProperties.class)
    static class PropertiesOnly {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                    .withUserConfiguration(PropertiesOnly.class);

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
}
