package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service with an API token: writes need it, reads, Swagger UI and the operations endpoints do
 * not, and the token shows up neither in the log (even at TRACE) nor in any answer.
 */
@TestPropertySource(
        properties = {
            "gan.security.api-token=" + AccessControlTests.TOKEN,
            "logging.level.org.springframework.security=TRACE",
            "logging.level.dev.ganservice=DEBUG"
        })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class AccessControlTests extends ApiTestBase {

    static final String TOKEN = "tok-3f9a1c7e5b2d4086a1e2";

    /** As long as the real one, differing in the last character only. */
    static final String SAME_LENGTH = "tok-3f9a1c7e5b2d4086a1e3";

    static final String LONGER = TOKEN + "-and-more";

    static final String SMALL_JOB = "{\"epochs\": 1000, \"batchSize\": 32, \"limit\": 64}";

    private final List<Http.Response> answers = new ArrayList<>();

    @AfterEach
    void neverRevealsATokenInAnAnswerOrTheLog(CapturedOutput output) {
        for (Http.Response answer : answers) {
            assertThat(answer.text()).doesNotContain(TOKEN, SAME_LENGTH, LONGER, "tok-3f9a");
        }
        assertThat(output.getAll())
                .as("the log, with Spring Security's at TRACE")
                .doesNotContain(TOKEN, SAME_LENGTH, LONGER, "tok-3f9a");
        if (!answers.isEmpty()) {
            assertThat(output.getAll()).as("Spring Security's trace").contains("Securing ");
        }
    }

    @Test
    void startedSayingWritesNeedATokenAndWithoutAGeneratedUser(CapturedOutput output) {
        assertThat(output.getAll())
                .contains("Write requests need a bearer token")
                .doesNotContain("Using generated security password", "is not set: anyone");
    }

    @Test
    void startingAJobNeedsTheToken() {
        int jobs = keep(http.get("/train")).json().size();

        assertUnauthorized(keep(http.postJson("/train", SMALL_JOB)), false);
        assertUnauthorized(keep(post(SMALL_JOB, "Bearer " + SAME_LENGTH)), true);
        assertUnauthorized(keep(post(SMALL_JOB, "Bearer " + LONGER)), true);
        assertUnauthorized(keep(post(SMALL_JOB, "Bearer " + TOKEN.substring(1))), true);
        assertUnauthorized(keep(post(SMALL_JOB, "Basic " + TOKEN)), false);
        assertUnauthorized(keep(post(SMALL_JOB, TOKEN)), false);
        assertThat(keep(http.get("/train")).json()).as("no job was started").hasSize(jobs);

        Http.Response accepted = keep(post(SMALL_JOB, "Bearer " + TOKEN));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String id = accepted.json().get("id").asString();

        Http.Response cancelled = keep(http.delete("/train/" + id, "Authorization", bearer()));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(waitForEnd(id).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void theSchemeIsCaseInsensitiveAsRfc6750Says() {
        Http.Response accepted = keep(post(SMALL_JOB, "bearer " + TOKEN));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String id = accepted.json().get("id").asString();

        keep(http.delete("/train/" + id, "Authorization", bearer()));
        waitForEnd(id);
    }

    @Test
    void cancellingAJobNeedsTheToken() {
        String id = keep(post(SMALL_JOB, bearer())).json().get("id").asString();

        assertUnauthorized(keep(http.delete("/train/" + id)), false);
        assertUnauthorized(
                keep(http.delete("/train/" + id, "Authorization", "Bearer " + SAME_LENGTH)), true);
        assertThat(keep(http.get("/train/" + id)).json().get("status").asString())
                .as("the job is untouched")
                .isIn("QUEUED", "RUNNING");

        Http.Response cancelled = keep(http.delete("/train/" + id, "Authorization", bearer()));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        waitForEnd(id);
    }

    @Test
    void writesToPathsNoControllerServesAreRefusedBeforeRouting() {
        assertUnauthorized(keep(http.post("/train/2026-12-04_16-37-00/resume", null)), false);
        assertUnauthorized(keep(http.send("PUT", "/train")), false);
        assertUnauthorized(keep(http.send("PATCH", "/samples")), false);
        assertUnauthorized(keep(http.post("/actuator/shutdown", null)), false);

        Http.Response withToken =
                keep(
                        http.post(
                                "/train/2026-12-04_16-37-00/resume",
                                null,
                                "Authorization",
                                bearer()));
        assertThat(withToken.status())
                .as("with the token the request reaches routing: " + withToken)
                .isIn(404, 405);
    }

    @Test
    void aRefusalIsShapedLikeEveryOtherProblem() {
        JsonNode refused = keep(http.delete("/train/2001-01-01_00-00-00")).json();
        JsonNode notFound =
                keep(http.delete("/train/2001-01-01_00-00-00", "Authorization", bearer())).json();

        assertThat(refused.propertyNames()).containsExactlyElementsOf(notFound.propertyNames());
        assertThat(notFound.get("status").asInt()).isEqualTo(404);
    }

    @Test
    void readsDocumentationAndOperationsStayOpen() {
        assertThat(keep(http.get("/train")).status()).isEqualTo(200);
        Http.Response unknownJob = keep(http.get("/train/2001-01-01_00-00-00"));
        assertProblem(unknownJob, 404);
        assertProblem(keep(http.get("/samples?job=2001-01-01_00-00-00")), 404);
        assertThat(keep(http.get("/v3/api-docs")).status()).isEqualTo(200);
        assertThat(keep(http.get("/swagger-ui/index.html")).status()).isEqualTo(200);
        assertThat(keep(http.get("/swagger-ui.html")).status()).isIn(200, 302);
        assertThat(keep(http.get("/actuator/health")).status()).isEqualTo(200);
        assertThat(keep(http.get("/actuator/info")).status()).isEqualTo(200);
        assertThat(keep(http.get("/actuator/prometheus")).status()).isEqualTo(200);
        assertThat(keep(http.send("OPTIONS", "/train")).status()).isEqualTo(200);
        assertProblem(keep(http.get("/no/such/page")), 404);
    }

    @Test
    void aWrongTokenIsRefusedEvenWhereNoneIsNeeded() {
        assertUnauthorized(
                keep(http.get("/train", "Authorization", "Bearer " + SAME_LENGTH)), true);
        assertThat(keep(http.get("/train", "Authorization", bearer())).status()).isEqualTo(200);
    }

    @Test
    void aJobStartedWithTheTokenCanBeReadWithoutIt() {
        String id = keep(post(SMALL_JOB, bearer())).json().get("id").asString();

        Http.Response job = keep(http.get("/train/" + id));
        assertThat(job.status()).isEqualTo(200);
        assertThat(job.json().get("id").asString()).isEqualTo(id);

        keep(http.delete("/train/" + id, "Authorization", bearer()));
        waitForEnd(id);
    }

    @Test
    void actuatorStillExposesOnlyHealthInfoAndPrometheus() {
        for (String endpoint : List.of("env", "beans", "configprops", "heapdump", "loggers")) {
            Http.Response response =
                    keep(http.get("/actuator/" + endpoint, "Authorization", bearer()));
            assertThat(response.status()).as(endpoint).isEqualTo(404);
        }
    }

    @Test
    void theOpenApiDocumentOffersBearerAuthorizationForWrites() {
        JsonNode api = keep(http.get("/v3/api-docs")).json();

        JsonNode scheme = api.get("components").get("securitySchemes").get("bearerToken");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        JsonNode paths = api.get("paths");
        for (JsonNode write :
                List.of(paths.get("/train").get("post"), paths.get("/train/{id}").get("delete"))) {
            assertThat(write.get("security").toString()).contains("bearerToken");
            assertThat(
                            write.get("responses")
                                    .get("401")
                                    .get("content")
                                    .has("application/problem+json"))
                    .isTrue();
        }
        assertThat(paths.get("/train").get("get").has("security")).isFalse();
        assertThat(paths.get("/samples").get("get").has("security")).isFalse();
    }

    @Test
    void sendsNoSessionCookieAndOffersNoLoginOrBasicAuthentication() {
        Http.Response accepted = keep(post(SMALL_JOB, bearer()));
        String id = accepted.json().get("id").asString();
        keep(http.delete("/train/" + id, "Authorization", bearer()));
        waitForEnd(id);

        for (Http.Response answer : answers) {
            assertThat(answer.header("Set-Cookie")).as(answer.toString()).isNull();
        }
        assertThat(keep(http.get("/login")).status()).isEqualTo(404);
        Http.Response refused = keep(http.postJson("/train", SMALL_JOB));
        assertThat(refused.header("WWW-Authenticate")).doesNotContain("Basic");
    }

    private Http.Response post(String body, String authorization) {
        return http.post(
                "/train", body, "Content-Type", "application/json", "Authorization", authorization);
    }

    private Http.Response keep(Http.Response response) {
        answers.add(response);
        return response;
    }

    static String bearer() {
        return "Bearer " + TOKEN;
    }

    static void assertUnauthorized(Http.Response response, boolean tokenPresented) {
        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        if (tokenPresented) {
            assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString())
                .isEqualTo("urn:gan-service:problem:unauthorized");
        assertThat(problem.get("detail").asString())
                .contains("Authorization: Bearer <token>", "GAN_SECURITY_API_TOKEN");
    }
}
