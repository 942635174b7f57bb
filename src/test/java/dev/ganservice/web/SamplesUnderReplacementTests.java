package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;
import dev.ganservice.sampling.GeneratorCache;
import dev.ganservice.storage.AtomicFiles;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.CheckpointInfo;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.support.Http;
import dev.ganservice.support.TestFolders;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /samples} while checkpoint files are replaced behind the service's back: complete
 * copies written atomically, and truncated, empty or non-zip files written in place, as a damaged
 * disk or a careless tool would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesUnderReplacementTests {

    private static final Path RUNS = TestFolders.create("samples-replaced").resolve("runs");
    private static final CheckpointFiles FILES = new CheckpointFiles(JsonMapper.builder().build());
    private static final int CLIENTS = 50;
    private static final int REQUESTS_PER_CLIENT = 6;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("gan.runs-dir", RUNS::toString);
        registry.add("gan.data.download.enabled", () -> "false");
        // Requests for one checkpoint take turns on its network, so on two busy cores the last of
        // 50 simultaneous clients can wait seconds for a slot. Refusals are SamplesLimitTests'
        // topic.
        registry.add("gan.samples.max-wait", () -> "60s");
    }

    @LocalServerPort int port;

    private final RunsDirectory runs = new RunsDirectory(RUNS);
    private RunFolder newest;

    @BeforeAll
    void writeCheckpoints() throws IOException {
        newest = runs.create(LocalDateTime.of(2026, 12, 4, 12, 0));
        write(newest, 1, 1);
        write(newest, 2, 2);
    }

    @Test
    void fiftyClientsGetIdenticalPngsWhileTheNewestCheckpointIsReplacedInALoop() throws Exception {
        String job = newest.id();
        Map<String, int[]> sizes = new LinkedHashMap<>();
        sizes.put("/samples?job=" + job + "&epoch=2&seed=7&count=9", new int[] {92, 92});
        sizes.put(
                "/samples?job=" + job + "&epoch=2&seed=8&count=16&columns=8&scale=2",
                new int[] {(8 * 30 + 2) * 2, (2 * 30 + 2) * 2});
        sizes.put("/samples?seed=7&count=9", new int[] {92, 92});
        sizes.put("/samples?job=" + job + "&seed=9&count=5", new int[] {92, 62});
        sizes.put("/samples?job=" + job + "&epoch=1&seed=7&count=9", new int[] {92, 92});
        List<String> requests = List.copyOf(sizes.keySet());
        Http http = new Http(port);
        Map<String, byte[]> expected = new LinkedHashMap<>();
        for (String request : requests) {
            Http.Response response = http.get(request);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            expected.put(request, response.body());
        }
        assertThat(expected.get(requests.get(2)))
                .as("without job and epoch, the newest checkpoint draws")
                .isEqualTo(expected.get(requests.get(0)));
        assertThat(expected.get(requests.get(4))).isNotEqualTo(expected.get(requests.get(0)));

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger cacheLogger = (Logger) LoggerFactory.getLogger(GeneratorCache.class);
        cacheLogger.addAppender(log);
        Path target = newest.checkpoint(2);
        byte[] complete = Files.readAllBytes(target);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger replacements = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Answer> answers;
        try {
            Future<?> writer =
                    threads.submit(() -> replaceInALoop(target, complete, stop, replacements));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Answer>>> clients = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int first = client;
                clients.add(
                        threads.submit(
                                () -> {
                                    start.await();
                                    return ask(requests, first);
                                }));
            }
            start.countDown();
            answers = new ArrayList<>();
            for (Future<List<Answer>> client : clients) {
                answers.addAll(client.get(5, TimeUnit.MINUTES));
            }
            // The clients can finish before the writer has replaced the file a few times and a
            // second complete copy has been loaded (a busy machine, or fast sampling): one client
            // keeps asking, still under replacement, until both have happened.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((loads(log, job) < 2 || replacements.get() <= 6)
                    && System.nanoTime() < deadline) {
                answers.addAll(ask(requests, 0));
            }
            stop.set(true);
            writer.get(1, TimeUnit.MINUTES);
        } finally {
            stop.set(true);
            threads.shutdownNow();
            cacheLogger.detachAppender(log);
        }

        assertThat(replacements.get()).as("files the writer replaced").isGreaterThan(6);
        assertThat(loads(log, job))
                .as("complete copies loaded during the storm")
                .isGreaterThanOrEqualTo(2);
        assertThat(answers).hasSizeGreaterThanOrEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
        assertThat(answers.stream().filter(answer -> answer.status() != 200).toList())
                .as("answers other than 200")
                .isEmpty();
        for (Answer answer : answers) {
            assertThat(answer.png())
                    .as("PNG of %s", answer.request())
                    .isEqualTo(expected.get(answer.request()));
            BufferedImage image = new Http.Response(answer.raw()).png();
            assertThat(new int[] {image.getWidth(), image.getHeight()})
                    .containsExactly(sizes.get(answer.request()));
        }
        assertThat(http.get(requests.get(0)).body()).isEqualTo(expected.get(requests.get(0)));
    }

    @Test
    void keepsTheModelInMemoryWhileItsFileIsUnreadableAndPicksUpACompleteNewOne()
            throws IOException {
        RunFolder older = runs.create(LocalDateTime.of(2026, 12, 3, 9, 0));
        write(older, 1, 21);
        write(older, 2, 22);
        Http http = new Http(port);
        String request = "/samples?job=" + older.id() + "&seed=5&count=4";
        Http.Response before = http.get(request);
        assertThat(before.header(SamplesController.EPOCH_HEADER)).isEqualTo("2");
        Path file = older.checkpoint(2);
        byte[] complete = Files.readAllBytes(file);

        for (byte[] damaged :
                List.of(
                        Arrays.copyOf(complete, complete.length - 100),
                        new byte[0],
                        "<html>not a zip</html>".getBytes(StandardCharsets.US_ASCII))) {
            Files.write(file, damaged);

            Http.Response during = http.get(request);
            Http.Response named = http.get(request + "&epoch=2");

            assertThat(during.status()).as(during.toString()).isEqualTo(200);
            assertThat(during.header(SamplesController.EPOCH_HEADER)).isEqualTo("2");
            assertThat(during.body()).isEqualTo(before.body());
            assertThat(named.body()).isEqualTo(before.body());
        }

        write(older, 2, 99);
        Http.Response after = http.get(request);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header(SamplesController.EPOCH_HEADER)).isEqualTo("2");
        assertThat(after.body()).isNotEqualTo(before.body());
        assertThat(http.get(request).body()).isEqualTo(after.body());
    }

    private static long loads(ListAppender<ILoggingEvent> log, String job) {
        // Logback appends under the appender's own lock.
        synchronized (log) {
            return log.list.stream()
                    .filter(event -> event.getLevel() == Level.INFO)
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.contains("Loaded the generator of job " + job))
                    .count();
        }
    }

    /** One client's requests, starting at a different one for each client. */
    private List<Answer> ask(List<String> requests, int first) {
        Http http = new Http(port);
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
            String request = requests.get((first + i) % requests.size());
            Http.Response response = http.get(request);
            answers.add(new Answer(request, response.status(), response.body(), response.raw()));
        }
        return answers;
    }

    /**
     * Until stopped, replaces {@code target} by turns with a complete copy, written atomically, and
     * with a damaged file written in place; it ends on a complete copy.
     */
    private static Void replaceInALoop(
            Path target, byte[] complete, AtomicBoolean stop, AtomicInteger replacements)
            throws IOException, InterruptedException {
        List<byte[]> damaged =
                List.of(
                        Arrays.copyOf(complete, complete.length / 2),
                        new byte[0],
                        "not a zip at all".getBytes(StandardCharsets.US_ASCII),
                        Arrays.copyOf(complete, complete.length - 1));
        for (int turn = 0; !stop.get(); turn++) {
            Files.write(target, damaged.get(turn % damaged.size()));
            Thread.sleep(20);
            AtomicFiles.write(target, complete);
            replacements.addAndGet(2);
            // Long enough for a read of the complete copy to finish, so that it is loaded and used.
            Thread.sleep(400);
        }
        return null;
    }

    private static void write(RunFolder folder, int epoch, long seed) {
        ModelSpec spec = new ModelSpec(ImageShape.FASHION_MNIST, 16, 2e-4, 0.5, seed);
        try {
            FILES.write(
                    folder.checkpoint(epoch),
                    Gan.create(spec),
                    new CheckpointInfo(1, folder.id(), epoch, spec, Instant.now(), "test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(
            String request, int status, byte[] png, java.net.http.HttpResponse<byte[]> raw) {

        @Override
        public String toString() {
            return status + " for " + request + ": " + new String(png, StandardCharsets.UTF_8);
        }
    }
}
