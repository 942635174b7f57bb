package dev.ganservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.config.CpuFlags;
import dev.ganservice.config.CpuVariant;
import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.ServiceProcess;
import dev.ganservice.support.TestFolders;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar as a user runs it: {@code java -jar}, real Fashion-MNIST, an empty native cache
 * and a home folder it cannot write to. Runs in Maven's verify phase.
 */
class PackagedJarEndToEndTests {

    private static final Path REAL_DATA = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void trainsOnFashionMnistAndServesGeneratedPngs() throws IOException {
        Path work = TestFolders.create("e2e-train");
        Path cache = work.resolve("javacpp-cache");
        List<String> jvm = List.of("-Xmx1g", "-Duser.home=" + unwritableHome(work));
        // A quick quality classifier: one epoch over 2000 images, 500 samples scored per epoch.
        List<String> args =
                List.of(
                        "--gan.nd4j.cache-dir=" + cache,
                        "--gan.data.dirs[0]=" + REAL_DATA,
                        "--gan.quality.samples=500",
                        "--gan.quality.classifier-epochs=1",
                        "--gan.quality.classifier-images=2000");

        try (ServiceProcess service = ServiceProcess.start(work, jvm, args)) {
            Http http = service.http();
            Http.Response accepted =
                    http.postJson("/train", "{\"epochs\": 2, \"limit\": 3000, \"seed\": 1}");
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            String id = accepted.json().get("id").asString();

            List<JsonNode> seen = new ArrayList<>();
            JsonNode done =
                    Polling.until(
                            () -> remember(seen, http.get("/train/" + id).json()),
                            job ->
                                    job.get("status")
                                            .asString()
                                            .matches("SUCCEEDED|FAILED|CANCELLED"),
                            Duration.ofMinutes(5),
                            "job " + id + " to end");
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("images").asInt()).isEqualTo(3000);
            assertThat(done.get("history")).hasSize(2);
            done.get("history")
                    .forEach(epoch -> assertThat(epoch.get("fid").asDouble()).isPositive());
            assertThat(seen)
                    .as("progress while running")
                    .anySatisfy(
                            job -> {
                                assertThat(job.get("status").asString()).isEqualTo("RUNNING");
                                assertThat(job.get("batch").asInt()).isPositive();
                                assertThat(job.get("imagesPerSecond").asDouble()).isPositive();
                                assertThat(job.get("etaSeconds").asDouble()).isPositive();
                            });

            Path folder = work.resolve("runs").resolve(id);
            assertThat(TestFolders.names(folder))
                    .containsExactlyInAnyOrder(
                            "epoch-001.zip",
                            "epoch-002.zip",
                            "epoch-001.png",
                            "epoch-002.png",
                            "run.json");
            assertThat(
                            TestFolders.readJson(folder.resolve("run.json"))
                                    .get("job")
                                    .get("status")
                                    .asString())
                    .isEqualTo("SUCCEEDED");

            Http.Response sample = http.get("/samples?count=16&scale=2");
            assertThat(sample.status()).isEqualTo(200);
            assertThat(sample.header("X-Gan-Job")).isEqualTo(id);
            BufferedImage grid = sample.png();
            assertThat(grid.getWidth()).isEqualTo((4 * 30 + 2) * 2);
            assertThat(grid.getHeight()).isEqualTo((4 * 30 + 2) * 2);

            String log = service.log();
            CpuVariant expected = CpuVariant.best(CpuFlags.read(), variant -> true);
            assertThat(log)
                    .contains(
                            "ND4J CPU backend ready",
                            "native build " + Loader.getPlatform() + expected.extension() + ",",
                            "OMP_WAIT_POLICY=PASSIVE",
                            cache.toString(),
                            "Job " + id + " succeeded",
                            "Quality classifier trained");
            assertThat(TestFolders.names(work.resolve("runs").resolve(".quality")))
                    .contains("classifier.json", "classifier.zip", "test-features.bin");
            assertThat(log)
                    .as("DL4J's start-up chatter stays below WARN")
                    .doesNotContain("Loaded [CpuBackend] backend");
        }
        assertThat(nativeLibraries(cache)).contains("libnd4jcpu.so");
    }

    @Test
    void startsWithAnUnwritableHomeAndNoCacheFolderConfigured() throws IOException {
        Path work = TestFolders.create("e2e-home");
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        List<String> jvm =
                List.of(
                        "-Xmx512m",
                        "-Duser.home=" + unwritableHome(work),
                        "-Djava.io.tmpdir=" + tmp);

        try (ServiceProcess service = ServiceProcess.start(work, jvm, List.of())) {
            assertThat(service.http().get("/actuator/health").json().get("status").asString())
                    .isEqualTo("UP");
            assertThat(service.log()).contains("natives in " + tmp);
        }
        assertThat(nativeLibraries(tmp)).contains("libnd4jcpu.so");
    }

    @Test
    void refusesToStartWithAnUnusableRunsFolderAndSaysWhatToDo() throws IOException {
        Path work = TestFolders.create("e2e-bad-runs");
        Path runs = unwritableHome(work);

        ServiceProcess service =
                ServiceProcess.startExpectingExit(
                        work, List.of("-Xmx512m"), List.of("--gan.runs-dir=" + runs));

        assertThat(service.exitValue()).isNotZero();
        assertThat(service.log())
                .contains("APPLICATION FAILED TO START", "The runs folder " + runs, "gan.runs-dir");
    }

    private static JsonNode remember(List<JsonNode> seen, JsonNode job) {
        seen.add(job);
        return job;
    }

    /** A home folder below a plain file: no process, root included, can create it. */
    private static Path unwritableHome(Path work) {
        try {
            Path file = Files.writeString(work.resolve("not-a-folder"), "");
            return file.resolve("home");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> nativeLibraries(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
