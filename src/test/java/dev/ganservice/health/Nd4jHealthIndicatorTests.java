package dev.ganservice.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.config.Nd4jUnavailableException;
import dev.ganservice.support.Polling;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The backend's part in readiness: out of service while loading, up once loaded, down if not. */
class Nd4jHealthIndicatorTests {

    private static final GanProperties.Nd4j SETTINGS =
            new GanProperties.Nd4j(null, 0, "PASSIVE", "auto");
    private static final Nd4jRuntime.BackendInfo CPU =
            new Nd4jRuntime.BackendInfo(
                    "CPU",
                    "linux-x86_64",
                    "OPENBLAS",
                    2,
                    2,
                    "PASSIVE",
                    "/cache",
                    List.of(Map.of("type", "cpu")));

    @Test
    void isOutOfServiceWhileTheBackendLoadsAndUpOnceItHas() throws InterruptedException {
        CountDownLatch loaded = new CountDownLatch(1);
        Nd4jRuntime runtime = new Nd4jRuntime(SETTINGS, () -> awaitThen(loaded, CPU));
        Nd4jHealthIndicator indicator = new Nd4jHealthIndicator(runtime);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThatThrownBy(() -> runtime.awaitReady(Duration.ofMillis(50)))
                .isInstanceOf(Nd4jUnavailableException.class)
                .hasMessageContaining("still loading");

        loaded.countDown();
        Polling.until(
                () -> indicator.health().getStatus(),
                Status.UP::equals,
                Duration.ofSeconds(5),
                "the backend to be up");
        assertThat(indicator.health().getDetails()).containsEntry("blasVendor", "OPENBLAS");
        assertThat(runtime.awaitReady(Duration.ofSeconds(1))).isEqualTo(CPU);
    }

    @Test
    void isDownWithTheReasonWhenTheBackendCannotLoad() {
        Nd4jRuntime runtime =
                new Nd4jRuntime(
                        SETTINGS,
                        () -> {
                            throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
                        });
        Nd4jHealthIndicator indicator = new Nd4jHealthIndicator(runtime);

        Polling.until(
                () -> indicator.health().getStatus(),
                Status.DOWN::equals,
                Duration.ofSeconds(5),
                "the backend to be down");
        assertThat(indicator.health().getDetails().get("error").toString()).contains("jnind4jcpu");
        assertThatThrownBy(() -> runtime.awaitReady(Duration.ofSeconds(1)))
                .isInstanceOf(Nd4jUnavailableException.class)
                .hasMessageContaining("failed to load");
    }

    private static <T> T awaitThen(CountDownLatch latch, T value) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return value;
    }
}
