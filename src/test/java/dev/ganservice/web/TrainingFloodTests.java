package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A flood of {@code POST /train}: the service admits exactly as many jobs as it has workers and
 * queue places, refuses every other one with 429, and stays responsive with bounded memory. The
 * service runs in this JVM, so its heap is this test's heap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingFloodTests {

    private static final int WORKERS = 1;
    private static final int QUEUE = 7;
    private static final int REQUESTS = 1_000;
    private static final int THREADS = 8;
    private static final Path ROOT = TestFolders.create("flood");
    private static final Path RUNS = ROOT.resolve("runs");

    /** Long enough to stay active through the flood; cancelled at the end. */
    private static final String JOB = "{\"epochs\": 1000, \"batchSize\": 32, \"limit\": 64}";

    /** Heap a flood may leave behind: the accepted jobs' state and one loaded data set. */
    private static final long HEAP_GROWTH_LIMIT = 48L << 20;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        Path data = ROOT.resolve("data");
        TestImages.writeRandomIdx(data.resolve("train-images-idx3-ubyte.gz"), 64, 6);
        registry.add("gan.runs-dir", RUNS::toString);
        registry.add("gan.data.dirs[0]", data::toString);
        registry.add("gan.data.download.enabled", () -> "false");
        registry.add("gan.workers", () -> String.valueOf(WORKERS));
        registry.add("gan.queue-capacity", () -> String.valueOf(QUEUE));
    }

    @LocalServerPort int port;

    @Test
    void aFloodFillsTheQueueToItsBoundAndEveryOtherRequestGets429() throws Exception {
        Http http = new Http(port);
        long heapBefore = usedHeapAfterGc();
        long foldersBefore = TestFolders.names(RUNS).count();

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong slowestHealth = new AtomicLong();
        List<Integer> healthStatuses = new CopyOnWriteArrayList<>();
        Thread prober =
                new Thread(() -> probeHealth(http, flooding, slowestHealth, healthStatuses));
        prober.start();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        List<String> accepted = new CopyOnWriteArrayList<>();
        List<String> wrong = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            sent.add(
                    threads.submit(
                            () -> {
                                Http.Response response = http.postJson("/train", JOB);
                                outcomes.merge(String.valueOf(response.status()), 1, Integer::sum);
                                if (response.status() == 202) {
                                    accepted.add(response.json().get("id").asString());
                                } else if (!isQueueFullProblem(response)) {
                                    wrong.add(response.toString());
                                }
                            }));
        }
        for (Future<?> request : sent) {
            request.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        flooding.set(false);
        prober.join();

        try {
            assertThat(wrong).as("answers other than 202 or a 429 problem").isEmpty();
            assertThat(outcomes)
                    .containsOnlyKeys("202", "429")
                    .containsEntry("202", WORKERS + QUEUE)
                    .containsEntry("429", REQUESTS - WORKERS - QUEUE);
            assertThat(TestFolders.names(RUNS).count() - foldersBefore).isEqualTo(WORKERS + QUEUE);
            List<String> active = new ArrayList<>();
            for (JsonNode job : http.get("/train").json()) {
                if (job.get("status").asString().matches("QUEUED|RUNNING")) {
                    active.add(job.get("id").asString());
                }
            }
            assertThat(active).containsExactlyInAnyOrderElementsOf(accepted);
            assertThat(healthStatuses).isNotEmpty().containsOnly(200);
            assertThat(slowestHealth.get()).as("slowest health answer, ms").isLessThan(2_000);
            assertThat(usedHeapAfterGc() - heapBefore)
                    .as("heap growth, bytes")
                    .isLessThan(HEAP_GROWTH_LIMIT);
        } finally {
            for (String id : accepted) {
                http.delete("/train/" + id);
            }
            for (String id : accepted) {
                Polling.until(
                        () -> http.get("/train/" + id).json().get("status").asString(),
                        "CANCELLED"::equals,
                        Duration.ofMinutes(1),
                        "job " + id + " to stop");
            }
        }
    }

    private static boolean isQueueFullProblem(Http.Response response) {
        return response.status() == 429
                && "30".equals(response.header("Retry-After"))
                && response.header("Content-Type").startsWith("application/problem+json")
                && response.json().get("status").asInt() == 429
                && response.json().get("type").asString().endsWith(":queue-full");
    }

    /** Asks for health until the flood ends, keeping the slowest answer's time. */
    private static void probeHealth(
            Http http, AtomicBoolean flooding, AtomicLong slowest, List<Integer> statuses) {
        while (flooding.get()) {
            long started = System.nanoTime();
            Http.Response response = http.get("/actuator/health/liveness");
            slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
            statuses.add(response.status());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
