package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Actuator serves health, info and prometheus only; every other endpoint is opt-in, so that a
 * default deployment exposes no environment, beans, heap or shutdown button.
 */
class ActuatorExposureTests extends ApiTestBase {

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(
            strings = {
                "/actuator/health",
                "/actuator/health/liveness",
                "/actuator/info",
                "/actuator/prometheus"
            })
    void servesTheOperationsEndpoints(String path) {
        assertThat(http.get(path).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/heapdump",
                "/actuator/threaddump",
                "/actuator/loggers",
                "/actuator/mappings",
                "/actuator/metrics",
                "/actuator/conditions",
                "/actuator/scheduledtasks",
                "/actuator/sbom",
                "/actuator/shutdown"
            })
    void exposesNothingElse(String path) {
        assertProblem(http.get(path), 404);
        Http.Response post = http.post(path, null);
        assertThat(post.status()).as("POST " + path).isIn(404, 405);
        assertThat(post.text()).doesNotContain("Shutting down");
    }

    @Test
    void listsOnlyTheOperationsEndpoints() {
        JsonNode links = http.get("/actuator").json().get("_links");

        assertThat(links.propertyNames())
                .contains("health", "info", "prometheus")
                .allMatch(
                        name -> name.matches("self|health|health-path|info|prometheus"), "exposed");
    }

    @Test
    void offersNoWayToChangeLogLevels() {
        Http.Response response =
                http.post(
                        "/actuator/loggers/dev.ganservice",
                        "{\"configuredLevel\":\"TRACE\"}",
                        "Content-Type",
                        "application/json");

        assertThat(response.status()).isIn(404, 405);
    }
}
