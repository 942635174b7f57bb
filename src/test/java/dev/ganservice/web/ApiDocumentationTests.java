package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Swagger UI and the OpenAPI document describe the real contract. */
class ApiDocumentationTests extends ApiTestBase {

    @Test
    void describesEveryEndpointWithItsBoundsHeadersAndProblemBodies() {
        JsonNode api = http.get("/v3/api-docs").json();

        assertThat(api.get("info").get("title").asString()).isEqualTo("gan-service");
        JsonNode paths = api.get("paths");
        assertThat(paths.get("/train").has("post")).isTrue();
        assertThat(paths.get("/train").has("get")).isTrue();
        assertThat(paths.get("/train/{id}").has("get")).isTrue();
        assertThat(paths.get("/train/{id}").has("delete")).isTrue();

        JsonNode post = paths.get("/train").get("post").get("responses");
        assertThat(post.get("202").get("headers").has("Location")).isTrue();
        for (String status : new String[] {"400", "415", "429", "503"}) {
            assertThat(post.get(status).get("content").has("application/problem+json"))
                    .as(status)
                    .isTrue();
        }

        JsonNode samples = paths.get("/samples").get("get");
        assertThat(samples.get("responses").get("200").get("headers").has("X-Gan-Seed")).isTrue();
        JsonNode count = null;
        for (JsonNode parameter : samples.get("parameters")) {
            count = parameter.get("name").asString().equals("count") ? parameter : count;
        }
        assertThat(count.get("schema").get("minimum").asInt()).isEqualTo(1);
        assertThat(count.get("schema").get("maximum").asInt()).isEqualTo(1024);

        JsonNode request = api.get("components").get("schemas").get("TrainRequest");
        assertThat(request.get("properties").get("epochs").get("maximum").asInt()).isEqualTo(1000);
        assertThat(api.get("components").get("schemas").has("Problem")).isTrue();
    }

    @Test
    void describesTheLiveProgressGridAndInterpolationEndpoints() {
        JsonNode paths = http.get("/v3/api-docs").json().get("paths");

        JsonNode events = paths.get("/train/{id}/events").get("get").get("responses");
        assertThat(events.get("200").get("content").has("text/event-stream")).isTrue();
        assertThat(events.get("503").get("headers").has("Retry-After")).isTrue();
        assertThat(events.get("404").get("content").has("application/problem+json")).isTrue();

        JsonNode grid = paths.get("/train/{id}/epochs/{epoch}/grid.png").get("get");
        assertThat(grid.get("responses").get("200").get("headers").has("ETag")).isTrue();
        JsonNode epoch = parameter(grid, "epoch");
        assertThat(epoch.get("in").asString()).isEqualTo("path");
        assertThat(epoch.get("schema").get("maximum").asInt()).isEqualTo(1000);

        JsonNode walk = paths.get("/samples/interpolation").get("get");
        assertThat(parameter(walk, "steps").get("schema").get("minimum").asInt()).isEqualTo(2);
        assertThat(parameter(walk, "steps").get("schema").get("maximum").asInt()).isEqualTo(32);
        assertThat(parameter(walk, "rows").get("schema").get("maximum").asInt()).isEqualTo(16);
        assertThat(parameter(walk, "path").get("schema").get("pattern").asString())
                .isEqualTo("linear|slerp");
        assertThat(walk.get("responses").get("200").get("content").has("image/png")).isTrue();
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.get("parameters")) {
            if (parameter.get("name").asString().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    @Test
    void servesSwaggerUi() {
        Http.Response page = http.get("/swagger-ui/index.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Swagger UI");
        assertThat(http.get("/swagger-ui.html").status()).isIn(200, 302);
    }
}
