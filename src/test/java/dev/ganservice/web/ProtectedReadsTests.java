package dev.ganservice.web;

import static dev.ganservice.web.AccessControlTests.assertUnauthorized;
import static dev.ganservice.web.AccessControlTests.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.EventStreamClient;
import dev.ganservice.support.EventStreamClient.Event;
import dev.ganservice.support.Http;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** With gan.security.protect-reads, jobs and samples need the token too; docs and probes not. */
@TestPropertySource(
        properties = {
            "gan.security.api-token=" + AccessControlTests.TOKEN,
            "gan.security.protect-reads=true"
        })
@DirtiesContext
class ProtectedReadsTests extends ApiTestBase {

    @Test
    void readingJobsAndSamplesNeedsTheToken() {
        assertUnauthorized(http.get("/train"), false);
        assertUnauthorized(http.get("/train/2001-01-01_00-00-00"), false);
        assertUnauthorized(http.get("/samples"), false);
        Http.Response head = http.send("HEAD", "/train");
        assertThat(head.status()).isEqualTo(401);
        assertThat(head.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertUnauthorized(http.get("/train", "Authorization", "Bearer " + "x".repeat(24)), true);
        assertUnauthorized(http.postJson("/train", "{}"), false);

        assertThat(http.get("/train", "Authorization", bearer()).status()).isEqualTo(200);
        assertProblem(http.get("/train/2001-01-01_00-00-00", "Authorization", bearer()), 404);
        assertProblem(http.get("/samples?job=2001-01-01_00-00-00", "Authorization", bearer()), 404);
    }

    @Test
    void eventStreamsGridsAndInterpolationsNeedTheTokenAndWorkWithIt() {
        assertUnauthorized(http.get("/train/2001-01-01_00-00-00/events"), false);
        assertUnauthorized(http.get("/train/2001-01-01_00-00-00/epochs/1/grid.png"), false);
        assertUnauthorized(http.get("/samples/interpolation"), false);
        Http.Response started =
                http.post(
                        "/train",
                        "{\"epochs\": 1, \"batchSize\": 16, \"limit\": 32}",
                        "Content-Type",
                        "application/json",
                        "Authorization",
                        bearer());
        String id = started.json().get("id").asString();
        String path = "/train/" + id + "/events";

        // Events are written, and the stream completed, on other threads after authorization.
        EventStreamClient stream = EventStreamClient.open(port, path, "Authorization", bearer());
        List<Event> events = stream.awaitEnd(Duration.ofMinutes(2));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(events).last().satisfies(last -> assertThat(last.name()).isEqualTo("status"));
        assertThat(events.get(events.size() - 1).json().get("status").asString())
                .isEqualTo("SUCCEEDED");
        Http.Response grid =
                http.get("/train/" + id + "/epochs/1/grid.png", "Authorization", bearer());
        assertThat(grid.status()).isEqualTo(200);
        assertThat(grid.png().getWidth()).isPositive();
        Http.Response walk =
                http.get(
                        "/samples/interpolation?steps=2&rows=1&job=" + id,
                        "Authorization",
                        bearer());
        assertThat(walk.status()).isEqualTo(200);
    }

    @Test
    void documentationAndOperationsStayOpen() {
        assertThat(http.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").status()).isIn(200, 503);
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.get("/actuator/info").status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void theDashboardOpensWithoutTheTokenAndAsksForItForData() {
        for (String file :
                List.of(
                        "/",
                        "/index.html",
                        "/dashboard/app.js",
                        "/dashboard/app.css",
                        "/webjars/uplot/dist/uPlot.iife.min.js")) {
            assertThat(http.get(file).status()).as(file).isEqualTo(200);
        }

        assertUnauthorized(http.get("/train"), false);
        assertUnauthorized(http.post("/", "{}", "Content-Type", "application/json"), false);
        assertUnauthorized(http.get("/webjars/swagger-ui/index.html"), false);
    }

    @Test
    void theOpenApiDocumentMarksReadsAsNeedingTheTokenToo() {
        JsonNode paths = http.get("/v3/api-docs").json().get("paths");

        assertThat(paths.get("/train").get("get").get("security").toString())
                .contains("bearerToken");
        assertThat(paths.get("/samples").get("get").get("security").toString())
                .contains("bearerToken");
    }
}
