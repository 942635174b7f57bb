package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /samples} against checkpoints written by a real, short training job. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesApiTests extends ApiTestBase {

    private String job;

    @BeforeAll
    void trainAJob() {
        connect();
        job = start("{\"epochs\": 2, \"batchSize\": 64, \"limit\": 128, \"seed\": 3}");
        assertThat(waitForEnd(job).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void drawsASquareishGreyscaleGridOfTheRequestedSize() {
        Http.Response response = http.get("/samples?job=" + job + "&count=9&seed=1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        assertThat(response.header(SamplesController.JOB_HEADER)).isEqualTo(job);
        assertThat(response.header(SamplesController.EPOCH_HEADER)).isEqualTo("2");
        assertThat(response.header(SamplesController.SEED_HEADER)).isEqualTo("1");
        BufferedImage grid = response.png();
        // Three tiles of 28 pixels a side, 2-pixel padding between and around them.
        assertThat(grid.getWidth()).isEqualTo(3 * 30 + 2);
        assertThat(grid.getHeight()).isEqualTo(3 * 30 + 2);
        assertThat(grid.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(grid.getRGB(0, 0) & 0xff).isEqualTo(255);
    }

    @Test
    void columnsAndScaleShapeTheGrid() {
        BufferedImage grid = http.get("/samples?job=" + job + "&count=5&columns=2&scale=3").png();

        assertThat(grid.getWidth()).isEqualTo((2 * 30 + 2) * 3);
        assertThat(grid.getHeight()).isEqualTo((3 * 30 + 2) * 3);
    }

    @Test
    void theSameSeedGivesTheSamePngAndAnotherSeedAnother() {
        String request = "/samples?job=" + job + "&epoch=1&count=16&seed=";

        byte[] first = http.get(request + "42").body();
        byte[] again = http.get(request + "42").body();
        byte[] other = http.get(request + "43").body();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aSeededAnswerIsTheSameWhateverOtherRequestsAreInFlight() throws Exception {
        String seeded = "/samples?job=" + job + "&epoch=2&count=64&seed=77";
        byte[] alone = http.get(seeded).body();

        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int count = List.of(1, 9, 64, 200).get(i % 4);
                answers.add(clients.submit(() -> new Http(port).get(seeded)));
                answers.add(clients.submit(() -> new Http(port).get("/samples?count=" + count)));
            }
            for (int i = 0; i < answers.size(); i++) {
                Http.Response answer = answers.get(i).get(2, TimeUnit.MINUTES);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                if (i % 2 == 0) {
                    assertThat(answer.body()).isEqualTo(alone);
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void withoutASeedEachAnswerIsFreshAndNamesItsSeed() {
        Http.Response first = http.get("/samples?job=" + job + "&count=4");
        Http.Response second = http.get("/samples?job=" + job + "&count=4");
        String seed = first.header(SamplesController.SEED_HEADER);

        assertThat(second.body()).isNotEqualTo(first.body());
        assertThat(http.get("/samples?job=" + job + "&count=4&seed=" + seed).body())
                .isEqualTo(first.body());
    }

    @Test
    void anAnswerForANamedJobEpochAndSeedMayBeCachedAndRevalidated() {
        String request = "/samples?job=" + job + "&epoch=1&count=4&seed=11";

        Http.Response first = http.get(request);
        Http.Response unchanged = http.get(request, "If-None-Match", first.header("ETag"));
        Http.Response stale = http.get(request, "If-None-Match", "\"an-older-answer\"");
        Http.Response otherSeed = http.get("/samples?job=" + job + "&epoch=1&count=4&seed=12");

        assertThat(first.header("ETag")).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(first.header("Cache-Control")).isEqualTo("max-age=31536000, immutable");
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(first.body());
        assertThat(stale.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(otherSeed.header("ETag")).isNotEqualTo(first.header("ETag"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "count=4",
                "count=4&seed=11",
                "count=4&seed=11&job=JOB",
                "count=4&epoch=1&job=JOB"
            })
    void answersThatMayChangeAreNeitherStoredNorValidated(String query) {
        Http.Response response = http.get("/samples?" + query.replace("JOB", job));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("ETag")).isNull();
    }

    @Test
    void epochsCanBeChosenAndAMissingOneIsNotFound() {
        Http.Response first = http.get("/samples?job=" + job + "&epoch=1&count=4");
        Http.Response missing = http.get("/samples?job=" + job + "&epoch=9");

        assertThat(first.header(SamplesController.EPOCH_HEADER)).isEqualTo("1");
        assertProblem(missing, 404);
        assertThat(missing.json().get("detail").asString()).contains("epochs [1, 2]");
    }

    @Test
    void refusesGridsLargerThanItDraws() {
        Http.Response response = http.get("/samples?job=" + job + "&count=1024&scale=8");

        assertProblem(response, 400);
        assertThat(response.json().get("field").asString()).isEqualTo("scale");
        assertThat(response.json().get("detail").asString()).contains("pixels", "Lower count");
    }

    @Test
    void aDamagedNewestCheckpointIsSkippedForTheEpochBefore() throws IOException {
        Path damaged = RUNS.resolve(job).resolve("epoch-003.zip");
        Files.write(damaged, new byte[] {'P', 'K', 3, 4, 0});
        try {
            Http.Response response = http.get("/samples?job=" + job + "&count=4");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header(SamplesController.EPOCH_HEADER)).isEqualTo("2");
        } finally {
            Files.delete(damaged);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/html", "application/xml", "*/*", "image/*"})
    void answersWithAPngWhateverTheClientAccepts(String accept) {
        Http.Response response = http.get("/samples?job=" + job + "&count=4", "Accept", accept);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        assertThat(response.png().getWidth()).isEqualTo(2 * 30 + 2);
    }

    @Test
    void problemsStillComeBackAsJsonToAClientThatOnlyAcceptsPng() {
        Http.Response response =
                http.get("/samples?job=" + job + "&epoch=9", "Accept", "image/png");

        assertProblem(response, 404);
    }
}
