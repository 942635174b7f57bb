package dev.ganservice.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;
import dev.ganservice.model.Noise;
import dev.ganservice.storage.AtomicFiles;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.CheckpointInfo;
import dev.ganservice.storage.SavedGenerator;
import dev.ganservice.storage.UnreadableCheckpointException;
import dev.ganservice.support.TestSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** The generator cache against real checkpoint files replaced behind its back. */
class GeneratorCacheTests {

    private static final CheckpointFiles FILES = new CheckpointFiles(JsonMapper.builder().build());
    private static final String JOB = "2026-12-04_10-00-00";

    @TempDir Path folder;

    /** Every read of a checkpoint, through the real reader. */
    private final AtomicInteger reads = new AtomicInteger();

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void loadNd4j() {
        TestSettings.nd4j().awaitReady(Duration.ofSeconds(60));
    }

    @BeforeEach
    void captureWarnings() {
        log.start();
        logger().addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        logger().detachAppender(log);
    }

    @Test
    void keepsServingTheGeneratorInMemoryWhileItsFileIsUnreadableThenLoadsTheNextComplete()
            throws IOException {
        CheckpointRef ref = write(1, 11);
        byte[] complete = Files.readAllBytes(ref.file());
        GeneratorCache cache = new GeneratorCache(counting(FILES::readGenerator), 4);
        LoadedGenerator first = cache.get(ref);
        float[] firstImages = first.generate(new Noise(5, 16).next(3));

        for (byte[] damaged :
                List.of(
                        Arrays.copyOf(complete, complete.length / 2),
                        new byte[0],
                        "not a zip".getBytes(StandardCharsets.US_ASCII))) {
            Files.write(ref.file(), damaged);
            int readsBefore = reads.get();

            assertThat(cache.get(ref)).isSameAs(first);
            assertThat(cache.get(ref)).isSameAs(first);
            assertThat(cache.get(ref)).isSameAs(first);
            assertThat(reads.get()).as("one read per bad version").isEqualTo(readsBefore + 1);
        }
        assertThat(warnings()).hasSize(3).allMatch(line -> line.contains("previous version"));

        Path replacement = write(1, 12).file();
        LoadedGenerator second = cache.get(new CheckpointRef(JOB, 1, replacement));
        assertThat(second).isNotSameAs(first);
        assertThat(cache.get(ref)).isSameAs(second);
        assertThat(second.generate(new Noise(5, 16).next(3))).isNotEqualTo(firstImages);
        assertThat(cache.contains(ref)).isTrue();
    }

    @Test
    void aCompleteCopyOfTheSameCheckpointGivesTheSameImages() throws IOException {
        CheckpointRef ref = write(1, 11);
        GeneratorCache cache = new GeneratorCache(counting(FILES::readGenerator), 4);
        float[] before = cache.get(ref).generate(new Noise(5, 16).next(4));

        AtomicFiles.write(ref.file(), Files.readAllBytes(ref.file()));
        LoadedGenerator reread = cache.get(ref);

        assertThat(reads.get()).isEqualTo(2);
        assertThat(reread.generate(new Noise(5, 16).next(4))).isEqualTo(before);
    }

    @Test
    void aCheckpointNeverLoadedWhoseFileIsUnreadableFailsWithoutBeingReadAgain()
            throws IOException {
        CheckpointRef ref = write(2, 11);
        Files.write(ref.file(), new byte[] {'P', 'K', 3, 4, 0});
        GeneratorCache cache = new GeneratorCache(counting(FILES::readGenerator), 4);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.get(ref))
                    .isInstanceOf(UnreadableCheckpointException.class)
                    .hasMessageContaining(ref.file().toString());
        }

        assertThat(reads.get()).isEqualTo(1);
        assertThat(warnings()).hasSize(1).allMatch(line -> line.contains("samples skip it"));
        assertThat(cache.contains(ref)).isFalse();
    }

    @Test
    void requestsForTheSameNewVersionShareOneRead() throws Exception {
        CheckpointRef ref = write(1, 11);
        CountDownLatch everyoneAsked = new CountDownLatch(8);
        GeneratorCache cache =
                new GeneratorCache(
                        counting(
                                file -> {
                                    await(everyoneAsked, "every request to ask");
                                    return FILES.readGenerator(file);
                                }),
                        4);

        List<CompletableFuture<LoadedGenerator>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(
                    onNewThread(
                            () -> {
                                everyoneAsked.countDown();
                                return cache.get(ref);
                            }));
        }

        LoadedGenerator loaded = requests.get(0).get(60, TimeUnit.SECONDS);
        for (CompletableFuture<LoadedGenerator> request : requests) {
            assertThat(request.get(60, TimeUnit.SECONDS)).isSameAs(loaded);
        }
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void aSlowReadDoesNotHoldUpGeneratorsAlreadyInMemory() throws Exception {
        CheckpointRef inMemory = write(1, 11);
        CheckpointRef slow = write(2, 12);
        CountDownLatch slowReadStarted = new CountDownLatch(1);
        CountDownLatch finishSlowRead = new CountDownLatch(1);
        GeneratorCache cache =
                new GeneratorCache(
                        counting(
                                file -> {
                                    if (file.equals(slow.file())) {
                                        slowReadStarted.countDown();
                                        await(finishSlowRead, "the test to finish the read");
                                    }
                                    return FILES.readGenerator(file);
                                }),
                        4);
        LoadedGenerator first = cache.get(inMemory);

        CompletableFuture<LoadedGenerator> loading = onNewThread(() -> cache.get(slow));
        await(slowReadStarted, "the slow read to start");
        try {
            assertThat(onNewThread(() -> cache.get(inMemory)).get(10, TimeUnit.SECONDS))
                    .isSameAs(first);
            assertThat(loading).isNotDone();
        } finally {
            finishSlowRead.countDown();
        }

        assertThat(loading.get(60, TimeUnit.SECONDS).source().epoch()).isEqualTo(2);
    }

    @Test
    void keepsTheMostRecentlyUsedGeneratorsAndUnreadableFilesDoNotPushThemOut() throws IOException {
        GeneratorCache cache = new GeneratorCache(counting(FILES::readGenerator), 2);
        CheckpointRef first = write(1, 11);
        CheckpointRef second = write(2, 12);
        CheckpointRef third = write(3, 13);
        LoadedGenerator kept = cache.get(first);
        cache.get(second);
        cache.get(first);
        cache.get(third);

        assertThat(cache.contains(first)).isTrue();
        assertThat(cache.contains(third)).isTrue();
        assertThat(cache.contains(second)).as("least recently used").isFalse();

        List<CheckpointRef> damaged = new ArrayList<>();
        for (int epoch = 4; epoch < 10; epoch++) {
            CheckpointRef ref = write(epoch, epoch);
            Files.write(ref.file(), new byte[0]);
            damaged.add(ref);
        }
        for (int round = 0; round < 2; round++) {
            for (CheckpointRef ref : damaged) {
                assertThatThrownBy(() -> cache.get(ref))
                        .isInstanceOf(UnreadableCheckpointException.class);
            }
        }
        int readsSoFar = reads.get();

        assertThat(cache.get(first)).isSameAs(kept);
        assertThat(cache.contains(third)).isTrue();
        assertThat(readsSoFar).as("three loads and one read of each damaged file").isEqualTo(3 + 6);
        assertThat(reads.get()).isEqualTo(readsSoFar);
        assertThat(warnings()).hasSize(6);
    }

    /** A checkpoint of a fresh GAN whose weights derive from {@code seed}. */
    private CheckpointRef write(int epoch, long seed) throws IOException {
        ModelSpec spec = new ModelSpec(ImageShape.FASHION_MNIST, 16, 2e-4, 0.5, seed);
        Path file = folder.resolve(String.format("epoch-%03d.zip", epoch));
        FILES.write(
                file,
                Gan.create(spec),
                new CheckpointInfo(1, JOB, epoch, spec, Instant.now(), "test"));
        return new CheckpointRef(JOB, epoch, file);
    }

    private Function<Path, SavedGenerator> counting(Function<Path, SavedGenerator> reader) {
        return file -> {
            reads.incrementAndGet();
            return reader.apply(file);
        };
    }

    private List<String> warnings() {
        return log.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(GeneratorCache.class);
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> CompletableFuture<T> onNewThread(Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        new Thread(
                        () -> {
                            try {
                                result.complete(call.call());
                            } catch (Throwable e) {
                                result.completeExceptionally(e);
                            }
                        })
                .start();
        return result;
    }
}
