package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.live.JobEventStreams;
import dev.ganservice.support.EventStreamClient;
import dev.ganservice.support.EventStreamClient.Event;
import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /train/{id}/events} read over loopback from the running service while real, short jobs
 * train. The service's asynchronous request timeout is {@link ApiTestBase#ASYNC_TIMEOUT} and its
 * heartbeat {@link ApiTestBase#HEARTBEAT}, so streams that outlive the one and clients found gone
 * by the other show within seconds.
 */
class JobEventsApiTests extends ApiTestBase {

    private static final Duration END = Duration.ofMinutes(2);
    private static final String LONG_JOB = "{\"epochs\": 200, \"batchSize\": 16, \"limit\": 512}";

    @Autowired JobEventStreams streams;

    @Test
    void streamsStatusProgressAndEpochsInOrderThenTheFinalStatusAndCloses() {
        String blocker = start(LONG_JOB);
        String id = start("{\"epochs\": 2, \"batchSize\": 16, \"limit\": 256, \"seed\": 7}");
        List<EventStreamClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(EventStreamClient.open(port, "/train/" + id + "/events"));
        }
        http.delete("/train/" + blocker);

        List<Event> events = clients.get(0).awaitEnd(END);

        assertThat(clients.get(0).status()).isEqualTo(200);
        assertThat(clients.get(0).header("Content-Type")).startsWith("text/event-stream");
        assertThat(names(events).get(0)).isEqualTo("status");
        assertThat(events.get(0).json().get("status").asString()).isEqualTo("QUEUED");
        assertThat(String.join(" ", collapsed(events)))
                .isEqualTo("status status progress epoch progress epoch status");
        assertThat(events.get(1).json().get("status").asString()).isEqualTo("RUNNING");
        assertProgressMovesForward(events, id);

        JsonNode job = http.get("/train/" + id).json();
        JsonNode last = events.get(events.size() - 1).json();
        assertThat(last.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(fieldNames(last)).isEqualTo(fieldNames(job));
        assertThat(last.get("history")).isEqualTo(job.get("history"));
        List<JsonNode> epochs =
                events.stream().filter(e -> e.name().equals("epoch")).map(Event::json).toList();
        assertThat(epochs).containsExactly(job.get("history").get(0), job.get("history").get(1));

        for (EventStreamClient other : clients.subList(1, 3)) {
            List<Event> seen = other.awaitEnd(END);
            assertThat(collapsed(seen)).isEqualTo(collapsed(events));
            assertThat(seen.get(seen.size() - 1).json()).isEqualTo(last);
        }
        Polling.until(streams::openStreams, open -> open == 0, Duration.ofSeconds(10), "no stream");
    }

    @Test
    void aStoppedJobGetsOneStatusAndAResumedOneAFreshStream() {
        String blocker = start(LONG_JOB);
        String id = start("{\"epochs\": 1, \"batchSize\": 16, \"limit\": 64, \"seed\": 8}");
        http.delete("/train/" + id);

        try (EventStreamClient stopped = EventStreamClient.open(port, "/train/" + id + "/events")) {
            List<Event> events = stopped.awaitEnd(Duration.ofSeconds(10));

            assertThat(names(events)).containsExactly("status");
            assertThat(events.get(0).json().get("status").asString()).isEqualTo("CANCELLED");
        }

        http.post("/train/" + id + "/resume", null);
        EventStreamClient resumed = EventStreamClient.open(port, "/train/" + id + "/events");
        http.delete("/train/" + blocker);
        List<Event> events = resumed.awaitEnd(END);

        assertThat(collapsed(events))
                .containsExactly("status", "status", "progress", "epoch", "status");
        assertThat(events.get(0).json().get("resumes").asInt()).isEqualTo(1);
        assertThat(events.get(events.size() - 1).json().get("status").asString())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aStreamOutlivesTheRequestTimeoutWithHeartbeatsAndAClientThatLeavesIsForgotten() {
        String id = start(LONG_JOB);
        int before = streams.openStreams();
        EventStreamClient client = EventStreamClient.open(port, "/train/" + id + "/events");
        Polling.until(
                client::comments,
                beats -> beats >= 6,
                ASYNC_TIMEOUT.plus(HEARTBEAT.multipliedBy(4)),
                "six heartbeats");

        assertThat(client.hasEnded()).isFalse();
        assertThat(streams.openStreams()).isEqualTo(before + 1);
        assertThat(names(client.events())).contains("status", "progress");

        client.close();
        Polling.until(
                streams::openStreams,
                open -> open == before,
                HEARTBEAT.multipliedBy(5),
                "the service to notice the client left");
        http.delete("/train/" + id);
        waitForEnd(id);
    }

    @Test
    void aHeadRequestGetsTheHeadersWithoutHoldingAStream() {
        String id = start(LONG_JOB);
        int before = streams.openStreams();

        Http.Response head = http.send("HEAD", "/train/" + id + "/events");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).startsWith("text/event-stream");
        assertThat(head.header("X-Accel-Buffering")).isEqualTo("no");
        assertThat(streams.openStreams()).isEqualTo(before);
        assertThat(http.send("HEAD", "/train/2001-01-01_00-00-00/events").status()).isEqualTo(404);
        http.delete("/train/" + id);
        waitForEnd(id);
    }

    @Test
    void theOpenStreamsAreAMetric() {
        assertThat(http.get("/actuator/prometheus").text())
                .contains("gan_events_streams ", "gan_events_streams_refused_total ");
    }

    @Test
    void malformedAndUnknownIdsGetTheProblemsOfGetTrainId() {
        EventStreamClient malformed = EventStreamClient.open(port, "/train/x/events");
        EventStreamClient unknown =
                EventStreamClient.open(port, "/train/2001-01-01_00-00-00/events");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(malformed.awaitEnd(Duration.ofSeconds(5))).isEmpty();
        assertProblem(http.get("/train/x/events", "Accept", "text/event-stream"), 400);
        assertThat(http.get("/train/x/events").json().get("field").asString()).isEqualTo("id");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertProblem(http.get("/train/2001-01-01_00-00-00/events"), 404);
    }

    /** Every progress event of the job, in order: epoch and batch never go back. */
    private static void assertProgressMovesForward(List<Event> events, String id) {
        int epoch = 0;
        int batch = 0;
        for (Event event : events) {
            if (!event.name().equals("progress")) {
                continue;
            }
            JsonNode progress = event.json();
            assertThat(fieldNames(progress))
                    .containsExactlyInAnyOrder(
                            "id",
                            "status",
                            "epoch",
                            "epochs",
                            "batch",
                            "batchesPerEpoch",
                            "imagesPerSecond",
                            "etaSeconds");
            assertThat(progress.get("id").asString()).isEqualTo(id);
            assertThat(progress.get("status").asString()).isEqualTo("RUNNING");
            assertThat(progress.get("batchesPerEpoch").asInt()).isEqualTo(16);
            int nowEpoch = progress.get("epoch").asInt();
            int nowBatch = progress.get("batch").asInt();
            assertThat(nowEpoch > epoch || (nowEpoch == epoch && nowBatch > batch))
                    .as("progress %d/%d after %d/%d", nowEpoch, nowBatch, epoch, batch)
                    .isTrue();
            assertThat(nowBatch).isBetween(1, 16);
            epoch = nowEpoch;
            batch = nowBatch;
        }
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    /** The names of the events, with runs of progress events counted as one. */
    private static List<String> collapsed(List<Event> events) {
        List<String> names = new ArrayList<>();
        for (Event event : events) {
            if (!(event.name().equals("progress")
                    && !names.isEmpty()
                    && names.get(names.size() - 1).equals("progress"))) {
                names.add(event.name());
            }
        }
        return names;
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new TreeSet<>(node.propertyNames());
    }
}
