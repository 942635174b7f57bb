package dev.ganservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.ServiceProcess;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar with its API token in the environment, as the Helm chart passes it: writes need
 * the token, reads do not, and the token never reaches the log. Runs in Maven's verify phase.
 */
class SecuredJarEndToEndTests {

    private static final String TOKEN = "e2e-8c1f0b7a2d9e4f63b5a0";

    @Test
    void writesNeedTheTokenFromTheEnvironment() throws IOException {
        Path work = TestFolders.create("e2e-secured");
        Path data = work.resolve("data");
        TestImages.writeRandomIdx(data.resolve("train-images-idx3-ubyte.gz"), 64, 1);
        List<String> args = List.of("--gan.data.dirs[0]=" + data);

        try (ServiceProcess service =
                ServiceProcess.start(
                        work, List.of("-Xmx512m"), args, Map.of("GAN_SECURITY_API_TOKEN", TOKEN))) {
            Http http = service.http();
            String job = "{\"epochs\": 1000, \"batchSize\": 32, \"limit\": 64}";

            Http.Response refused = http.postJson("/train", job);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString())
                    .isEqualTo("urn:gan-service:problem:unauthorized");
            Http.Response wrong =
                    http.post(
                            "/train",
                            job,
                            "Content-Type",
                            "application/json",
                            "Authorization",
                            "Bearer " + TOKEN.replace('e', 'f'));
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);

            Http.Response accepted =
                    http.post(
                            "/train",
                            job,
                            "Content-Type",
                            "application/json",
                            "Authorization",
                            "Bearer " + TOKEN);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            String id = accepted.json().get("id").asString();
            assertThat(http.get("/train/" + id).status()).as("reads stay open").isEqualTo(200);

            assertThat(http.delete("/train/" + id).status()).isEqualTo(401);
            assertThat(http.delete("/train/" + id, "Authorization", "Bearer " + TOKEN).status())
                    .isEqualTo(200);
            Polling.until(
                    () -> http.get("/train/" + id).json().get("status").asString(),
                    status -> status.equals("CANCELLED"),
                    Duration.ofMinutes(1),
                    "job " + id + " to stop");

            assertThat(service.log())
                    .contains("Write requests need a bearer token")
                    .doesNotContain(
                            TOKEN,
                            TOKEN.replace('e', 'f'),
                            "Using generated security password",
                            "api-token is not set");
        }
    }
}
