package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The running service on a random port, with its own runs folder and a data folder of 512 generated
 * images, event stream heartbeats every {@link #HEARTBEAT}. Subclasses share one application
 * context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTestBase {

    static final int DATA_SET_IMAGES = 512;
    static final Path ROOT = TestFolders.create("api");
    static final Path RUNS = ROOT.resolve("runs");

    /** Short, so that event stream tests see heartbeats, and clients that left, within seconds. */
    static final Duration HEARTBEAT = Duration.ofMillis(500);

    /** Spring MVC's timeout for asynchronous requests, which event streams must outlive. */
    static final Duration ASYNC_TIMEOUT = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        Path data = ROOT.resolve("data");
        TestImages.writeRandomIdx(data.resolve("train-images-idx3-ubyte.gz"), DATA_SET_IMAGES, 1);
        registry.add("gan.runs-dir", RUNS::toString);
        registry.add("gan.data.dirs[0]", data::toString);
        registry.add("gan.events.heartbeat", () -> HEARTBEAT.toMillis() + "ms");
        registry.add("spring.mvc.async.request-timeout", () -> ASYNC_TIMEOUT.toMillis() + "ms");
    }

    @LocalServerPort int port;

    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    String start(String body) {
        Http.Response response = http.postJson("/train", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().get("id").asString();
    }

    JsonNode waitForEnd(String id) {
        return Polling.until(
                () -> http.get("/train/" + id).json(),
                job -> !job.get("status").asString().matches("QUEUED|RUNNING"),
                Duration.ofMinutes(2),
                "job " + id + " to end");
    }

    static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(response.text()).doesNotContain("Exception", "\tat ");
    }
}
