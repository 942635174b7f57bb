package dev.ganservice.web;

import static dev.ganservice.web.AccessControlTests.assertUnauthorized;
import static dev.ganservice.web.AccessControlTests.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
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
    void documentationAndOperationsStayOpen() {
        assertThat(http.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").status()).isIn(200, 503);
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.get("/actuator/info").status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
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
