package dev.ganservice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import dev.ganservice.support.Polling;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image as an operator runs it: built from the repository's Dockerfile, with the
 * repository root as the build context and .dockerignore applied; started with the image's own
 * entrypoint, user, settings and bundled Fashion-MNIST under a 3 GiB memory limit; driven over
 * HTTP. It is skipped where no Docker engine is reachable. The same scenario runs without Docker,
 * against the packaged jar, in {@link dev.ganservice.PackagedJarEndToEndTests}. Runs in Maven's
 * verify phase. The first build downloads Debian packages and Maven's dependencies: allow some
 * minutes.
 *
 * <p>Testcontainers uses Docker's classic builder, which builds each stage of the Dockerfile, not
 * just those the chosen backend needs. This build points the CUDA stage at the CPU stage (build
 * argument {@code CUDA_RUNTIME_IMAGE=runtime-cpu}) so that no NVIDIA base image of several GB is
 * pulled; the image under test is the default CPU image all the same.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageEndToEndTests {

    private static final int PORT = 8080;
    private static final long MEMORY_LIMIT = 3L * 1024 * 1024 * 1024;
    private static final String FASHION_MNIST =
            "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Container
    private static final GenericContainer<?> SERVICE =
            new GenericContainer<>(image())
                    .withExposedPorts(PORT)
                    .withCreateContainerCmdModifier(
                            create -> create.getHostConfig().withMemory(MEMORY_LIMIT))
                    .waitingFor(
                            Wait.forHttp("/actuator/health/readiness")
                                    .forPort(PORT)
                                    .forStatusCode(200)
                                    .withStartupTimeout(Duration.ofMinutes(5)));

    private static ImageFromDockerfile image() {
        // Set on the build command itself: given to withBuildArg, the value would also make
        // Testcontainers try to pull an image named "runtime-cpu" from Docker Hub first.
        return new ImageFromDockerfile()
                .withDockerfile(Path.of("Dockerfile").toAbsolutePath())
                .withBuildImageCmdModifier(
                        build -> build.withBuildArg("CUDA_RUNTIME_IMAGE", "runtime-cpu"));
    }

    @Test
    void trainsOnTheBundledFashionMnistAndServesAGeneratedPng() throws Exception {
        HttpResponse<byte[]> accepted =
                post("/train", "{\"epochs\":1,\"limit\":256,\"batchSize\":64,\"seed\":1}");
        assertThat(accepted.statusCode()).as(text(accepted)).isEqualTo(202);
        String id = json(accepted).get("id").asString();

        JsonNode done =
                Polling.until(
                        () -> json(get("/train/" + id)),
                        job -> job.get("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"),
                        Duration.ofMinutes(3),
                        "job " + id + " to end");
        assertThat(done.get("status").asString())
                .as(done + "\n" + SERVICE.getLogs())
                .isEqualTo("SUCCEEDED");
        assertThat(done.get("images").asInt()).isEqualTo(256);
        assertThat(done.get("runFolder").asString()).isEqualTo("/app/runs/" + id);
        assertThat(shell("cat /app/runs/" + id + "/run.json")).contains(FASHION_MNIST);

        HttpResponse<byte[]> sample = get("/samples?count=4");
        assertThat(sample.statusCode()).as(text(sample)).isEqualTo(200);
        assertThat(sample.headers().firstValue("X-Gan-Job")).contains(id);
        BufferedImage grid = ImageIO.read(new ByteArrayInputStream(sample.body()));
        assertThat(grid).as("a PNG").isNotNull();
        // 2 columns and 2 rows of 28-pixel tiles, with 2 pixels around and between them.
        assertThat(grid.getWidth()).isEqualTo(2 + 28 + 2 + 28 + 2);
        assertThat(grid.getHeight()).isEqualTo(2 + 28 + 2 + 28 + 2);
    }

    @Test
    void runsAsTheUnprivilegedGanUserWithTheDocumentedLayout() throws Exception {
        ContainerConfig config = SERVICE.getContainerInfo().getConfig();
        assertThat(config.getUser()).isEqualTo("10001:10001");
        assertThat(config.getWorkingDir()).isEqualTo("/app");
        assertThat(config.getEntrypoint()).containsExactly("java", "-jar", "/app/gan-service.jar");
        assertThat(config.getVolumes()).containsOnlyKeys("/app/runs");
        assertThat(config.getExposedPorts()).extracting(ExposedPort::getPort).contains(PORT);
        assertThat(config.getEnv())
                .contains("GAN_ND4J_CACHE_DIR=/app/cache/javacpp")
                .anyMatch(env -> env.startsWith("JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=30 "));
        assertThat(config.getLabels())
                .containsEntry("org.opencontainers.image.title", "gan-service")
                .containsKeys(
                        "org.opencontainers.image.version", "org.opencontainers.image.revision");

        assertThat(shell("id -u; id -g")).isEqualTo("10001\n10001\n");
        assertThat(shell("stat -c '%u:%g %n' /app/runs /app/cache/javacpp /app/gan-service.jar"))
                .isEqualTo(
                        "10001:10001 /app/runs\n"
                                + "10001:10001 /app/cache/javacpp\n"
                                + "0:0 /app/gan-service.jar\n");
        assertThat(shell("ls /app")).contains("application.yml", "lib");
        assertThat(shell("find /app/cache/javacpp -name 'libnd4jcpu.so'")).isNotBlank();
        assertThat(shell("test -r " + FASHION_MNIST + " && touch /tmp/written && echo ok"))
                .isEqualTo("ok\n");
        assertThat(SERVICE.getLogs())
                .contains("Picked up JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage=30")
                .contains("ND4J CPU backend ready");
    }

    @Test
    void reportsHealthyToDockerThroughItsHealthcheck() {
        assertThat(SERVICE.getContainerInfo().getConfig().getHealthcheck().getTest())
                .anyMatch(part -> part.contains("/actuator/health/readiness"));
        // The first check runs one interval (30 s) after the start.
        Polling.until(
                SERVICE::isHealthy,
                healthy -> healthy,
                Duration.ofMinutes(2),
                "Docker to report the container healthy");
    }

    private static String shell(String command) throws IOException, InterruptedException {
        ExecResult result = SERVICE.execInContainer("sh", "-c", command);
        assertThat(result.getExitCode()).as(command + ": " + result.getStderr()).isZero();
        return result.getStdout();
    }

    private static HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private static HttpResponse<byte[]> post(String path, String json) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static URI uri(String path) {
        String base = "http://" + SERVICE.getHost() + ":" + SERVICE.getMappedPort(PORT);
        return URI.create(base + path);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(
                    request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }
}
