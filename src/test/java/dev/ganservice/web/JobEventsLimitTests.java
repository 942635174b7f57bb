package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.live.JobEventStreams;
import dev.ganservice.support.EventStreamClient;
import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The bound on open event streams. */
@TestPropertySource(properties = "gan.events.max-streams=2")
@DirtiesContext
class JobEventsLimitTests extends ApiTestBase {

    private static final String LONG_JOB = "{\"epochs\": 200, \"batchSize\": 16, \"limit\": 512}";

    @Autowired JobEventStreams streams;

    @Test
    void refusesAStreamBeyondTheLimitUntilOneCloses() {
        String id = start("{\"epochs\": 1, \"batchSize\": 16, \"limit\": 32}");
        http.delete("/train/" + id);
        String queued = start(LONG_JOB);
        String path = "/train/" + queued + "/events";
        EventStreamClient first = EventStreamClient.open(port, path);
        EventStreamClient second = EventStreamClient.open(port, path);

        Http.Response third = http.get(path);

        assertProblem(third, 503);
        assertThat(third.json().get("type").asString()).endsWith(":too-many-streams");
        assertThat(third.json().get("detail").asString()).contains("gan.events.max-streams");
        assertThat(third.header("Retry-After")).isEqualTo("30");
        assertThat(http.get("/actuator/prometheus").text())
                .contains("gan_events_streams 2.0", "gan_events_streams_refused_total 1.0");

        first.close();
        Polling.until(streams::openStreams, open -> open == 1, Duration.ofSeconds(10), "one open");
        try (EventStreamClient again = EventStreamClient.open(port, path)) {
            assertThat(again.status()).isEqualTo(200);
        }
        second.close();
        http.delete("/train/" + queued);
        waitForEnd(queued);
    }
}
