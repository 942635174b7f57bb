package dev.ganservice.health;

import dev.ganservice.config.Nd4jRuntime;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code nd4j} in the health report and the readiness group: OUT_OF_SERVICE while the native
 * backend loads, UP once it has, DOWN if it failed.
 */
@Component("nd4j")
class Nd4jHealthIndicator implements HealthIndicator {

    private final Nd4jRuntime nd4j;

    Nd4jHealthIndicator(Nd4jRuntime nd4j) {
        this.nd4j = nd4j;
    }

    @Override
    public Health health() {
        return switch (nd4j.state()) {
            case LOADING -> Health.outOfService().withDetail("state", "loading").build();
            case READY -> {
                Nd4jRuntime.BackendInfo info = nd4j.info().orElseThrow();
                yield Health.up()
                        .withDetail("backend", info.backend())
                        .withDetail("nativeBuild", info.nativeBuild())
                        .withDetail("blasVendor", info.blasVendor())
                        .withDetail("threads", info.threads())
                        .build();
            }
            case FAILED ->
                    Health.down()
                            .withDetail("state", "failed")
                            .withDetail(
                                    "error",
                                    nd4j.failure().map(Throwable::toString).orElse("unknown"))
                            .build();
        };
    }
}
