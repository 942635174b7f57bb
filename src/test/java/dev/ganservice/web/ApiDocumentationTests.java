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
    void servesSwaggerUi() {
        Http.Response page = http.get("/swagger-ui/index.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Swagger UI");
        assertThat(http.get("/swagger-ui.html").status()).isIn(200, 302);
    }
}
