package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.GanServiceApplication;
import dev.ganservice.support.EventStreamClient;
import dev.ganservice.support.EventStreamClient.Event;
import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A service that shuts down ends its event streams rather than waiting for them. */
class JobEventsShutdownTests {

    @Test
    void aShutdownEndsEveryStreamWithItsJobsStatusWithoutWaitingForIt() throws IOException {
        Path root = TestFolders.create("events-shutdown");
        TestImages.writeRandomIdx(root.resolve("data/train-images-idx3-ubyte.gz"), 512, 1);
        ConfigurableApplicationContext service =
                // Arguments, not default properties: those would lose to ./application.yml.
                new SpringApplicationBuilder(GanServiceApplication.class)
                        .run(
                                "--server.port=0",
                                "--gan.runs-dir=" + root.resolve("runs"),
                                "--gan.data.dirs=" + root.resolve("data"),
                                "--gan.data.download.enabled=false",
                                "--gan.quality.enabled=false");
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        Http http = new Http(port);
        String id =
                http.postJson("/train", "{\"epochs\": 200, \"batchSize\": 16, \"limit\": 512}")
                        .json()
                        .get("id")
                        .asString();
        EventStreamClient client = EventStreamClient.open(port, "/train/" + id + "/events");
        Polling.until(
                () -> client.events().stream().anyMatch(e -> e.name().equals("progress")),
                seen -> seen,
                Duration.ofMinutes(1),
                "training to start");

        long started = System.nanoTime();
        service.close();
        Duration shutdown = Duration.ofNanos(System.nanoTime() - started);
        List<Event> events = client.awaitEnd(Duration.ofSeconds(5));

        // The web server waits up to 30 s for open requests; the streams ended before it began.
        assertThat(shutdown).isLessThan(Duration.ofSeconds(20));
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("status");
        assertThat(last.json().get("id").asString()).isEqualTo(id);
    }
}
