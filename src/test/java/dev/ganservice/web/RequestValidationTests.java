package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import dev.ganservice.support.TestFolders;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests, one row each: every one gets a problem response with a 4xx status naming the field
 * and, for numbers, the allowed range, and none of them creates a run folder.
 */
class RequestValidationTests extends ApiTestBase {

    static Stream<Arguments> badTrainingRequests() {
        return Stream.of(
                row("{\"epochs\": 0}", 400, "epochs", "between 1 and 1000"),
                row("{\"epochs\": -1}", 400, "epochs", "between 1 and 1000"),
                row("{\"epochs\": 1001}", 400, "epochs", "between 1 and 1000"),
                row("{\"epochs\": 1000000000}", 400, "epochs", "between 1 and 1000"),
                row("{\"epochs\": 99999999999}", 400, "epochs", "whole number"),
                row("{\"epochs\": 1.5}", 400, "epochs", "whole number"),
                row("{\"epochs\": \"5\"}", 400, "epochs", "whole number"),
                row("{\"epochs\": true}", 400, "epochs", "whole number"),
                row("{\"epochs\": [1]}", 400, "epochs", "whole number"),
                row("{\"batchSize\": 1}", 400, "batchSize", "between 2 and 4096"),
                row("{\"batchSize\": 4097}", 400, "batchSize", "between 2 and 4096"),
                row("{\"batchSize\": 4096}", 400, "batchSize", "allowed: 2 to 512"),
                row("{\"batchSize\": 128, \"limit\": 100}", 400, "batchSize", "allowed: 2 to 100"),
                row("{\"latentSize\": 0}", 400, "latentSize", "between 1 and 1024"),
                row("{\"latentSize\": 1025}", 400, "latentSize", "between 1 and 1024"),
                row("{\"learningRate\": 0}", 400, "learningRate", "above 0 and at most 1"),
                row("{\"learningRate\": -0.001}", 400, "learningRate", "above 0 and at most 1"),
                row("{\"learningRate\": 2}", 400, "learningRate", "above 0 and at most 1"),
                row("{\"learningRate\": 1e999}", 400, "learningRate", "above 0 and at most 1"),
                row("{\"learningRate\": \"NaN\"}", 400, "learningRate", "above 0 and at most 1"),
                row("{\"learningRate\": NaN}", 400, null, "not valid JSON"),
                row("{\"beta1\": 1}", 400, "beta1", "at least 0 and at most 0.9999999"),
                row("{\"beta1\": 0.99999999}", 400, "beta1", "at least 0 and at most 0.9999999"),
                row("{\"beta1\": -0.5}", 400, "beta1", "at least 0 and at most 0.9999999"),
                row("{\"seed\": \"abc\"}", 400, "seed", "whole number"),
                row("{\"seed\": 18446744073709551616}", 400, "seed", "whole number"),
                row("{\"seed\": 1.5}", 400, "seed", "whole number"),
                row("{\"limit\": 1}", 400, "limit", "at least 2"),
                row("{\"limit\": 0}", 400, "limit", "at least 2"),
                row("{\"width\": 32}", 400, "width", "28x28"),
                row("{\"height\": 0}", 400, "height", "between 1 and 4096"),
                row("{\"channels\": 3}", 400, "channels", "channels 1"),
                row("{\"channels\": 5}", 400, "channels", "between 1 and 4"),
                row("{\"epoch\": 3}", 400, "epoch", "Unknown field 'epoch'"),
                row("{\"epochs\": 1, \"__proto__\": {}}", 400, "__proto__", "Known fields"),
                row("{", 400, null, "not valid JSON"),
                row("{\"epochs\": 1} {}", 400, null, "one JSON object"),
                row("{\"epochs\": 0, \"epochs\": 2}", 400, "epochs", "Duplicate Object property"),
                row("[]", 400, null, "one JSON object"),
                row("\"text\"", 400, null, "one JSON object"),
                row("null", 202, null, null));
    }

    @ParameterizedTest(name = "POST /train {0} -> {1}")
    @MethodSource("badTrainingRequests")
    void refusesBadTrainingRequests(String body, int status, String field, String mention) {
        long foldersBefore = TestFolders.names(RUNS).count();

        Http.Response response = http.postJson("/train", body);

        if (status == 202) {
            // A JSON null body is the same as no body: every default.
            assertThat(response.status()).isEqualTo(202);
            http.delete("/train/" + response.json().get("id").asString());
            return;
        }
        assertProblemAbout(response, status, field, mention);
        assertThat(TestFolders.names(RUNS).count()).isEqualTo(foldersBefore);
    }

    static Stream<Arguments> badSampleRequests() {
        return Stream.of(
                row("count=0", 400, "count", "between 1 and 1024"),
                row("count=-1", 400, "count", "between 1 and 1024"),
                row("count=1025", 400, "count", "between 1 and 1024"),
                row("count=1000000000", 400, "count", "between 1 and 1024"),
                row("count=10000000000", 400, "count", "whole number"),
                row("count=0x10", 400, "count", "whole number between 1 and 1024"),
                row("count=%2310", 400, "count", "whole number between 1 and 1024"),
                row("scale=%EF%BC%93", 400, "scale", "whole number between 1 and 8"),
                row("count=1.5", 400, "count", "whole number between 1 and 1024"),
                row("count=abc", 400, "count", "whole number"),
                row("columns=0", 400, "columns", "between 1 and 1024"),
                row("scale=0", 400, "scale", "between 1 and 8"),
                row("scale=9", 400, "scale", "between 1 and 8"),
                row("seed=abc", 400, "seed", "whole number"),
                row("seed=99999999999999999999", 400, "seed", "whole number"),
                row("job=../../etc", 400, "job", "not a job id"),
                row("job=..%2F..%2Fetc%2Fpasswd", 400, "job", "not a job id"),
                row("job=%2Fetc", 400, "job", "not a job id"),
                row("job=" + "a".repeat(5000), 400, "job", "not a job id"),
                row("job=2026-12-04_16-37-00%00", 400, "job", "not a job id"),
                row("job=2001-01-01_00-00-00", 404, null, "No run folder"),
                row("job=2001-01-01_00-00-00&epoch=0", 400, "epoch", "at least 1"),
                row("epoch=1", 400, "job", "epoch needs job"));
    }

    @ParameterizedTest(name = "GET /samples?{0} -> {1}")
    @MethodSource("badSampleRequests")
    void refusesBadSampleRequests(String query, int status, String field, String mention) {
        Http.Response response = http.get("/samples?" + query);

        assertProblemAbout(response, status, field, mention);
    }

    static Stream<Arguments> badJobIds() {
        return Stream.of(
                row("not-an-id", 400, "id", "not a job id"),
                // Spring Security's firewall refuses dot segments, plain or encoded, like Tomcat.
                row("..", 400, null, "suspicious URL"),
                row("2026-12-04_16-37-00-0", 400, "id", "not a job id"),
                row("x".repeat(3000), 400, "id", "not a job id"),
                // Tomcat itself refuses encoded slashes in a path, with a problem body too.
                row("..%2F..%2Fetc%2Fpasswd", 400, null, "suspicious URL"),
                row("2026-12-04_16-37-00%2F..", 400, null, "suspicious URL"),
                row("2026-12-04_16-37-00%2Fx", 400, null, "suspicious URL"),
                row("%2E%2E", 400, null, "suspicious URL"),
                row("2001-01-01_00-00-00", 404, null, "No training job"));
    }

    @ParameterizedTest(name = "GET /train/{0} -> {1}")
    @MethodSource("badJobIds")
    void refusesIdsThatAreNotJobs(String id, int status, String field, String mention) {
        Http.Response response = http.get("/train/" + id);

        assertProblemAbout(response, status, field, mention);
    }

    /** A problem response naming {@code field} (when not null) and mentioning {@code mention}. */
    private static void assertProblemAbout(
            Http.Response response, int status, String field, String mention) {
        assertProblem(response, status);
        if (field != null) {
            assertThat(response.json().get("field").asString()).isEqualTo(field);
        }
        assertThat(response.json().get("detail").asString()).contains(mention);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("otherBadRequests")
    void answersRequestsSpringNeverRoutesWithProblemsToo(String method, String path, int status) {
        Http.Response response = http.send(method, path);

        assertProblem(response, status);
        assertThat(response.json().get("type").asString()).startsWith("urn:gan-service:problem:");
    }

    static Stream<Arguments> otherBadRequests() {
        return Stream.of(
                Arguments.of("TRACE", "/train", 405),
                Arguments.of("PUT", "/train", 405),
                Arguments.of("PATCH", "/samples", 405),
                Arguments.of("GET", "/error", 404),
                Arguments.of("GET", "/no/such/page", 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void explainsMalformedJsonWithoutParserInternals(String body) {
        Http.Response response = http.postJson("/train", body);

        assertProblem(response, 400);
        assertThat(response.json().get("detail").asString())
                .contains("line 1")
                .doesNotContain("REDACTED", "Source", "StreamReadFeature", "tools.jackson");
    }

    static Stream<String> malformedBodies() {
        return Stream.of("{", "{\"epochs\": }", "{\"epochs\" 5}", "{'epochs': 5}");
    }

    private static Arguments row(String input, int status, String field, String mention) {
        return Arguments.of(input, status, field, mention);
    }
}
