package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /samples/interpolation} against checkpoints written by a real, short job. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterpolationApiTests extends ApiTestBase {

    private static final int TILE = 30;

    private String job;

    @BeforeAll
    void trainAJob() {
        connect();
        job = start("{\"epochs\": 2, \"batchSize\": 64, \"limit\": 128, \"seed\": 6}");
        assertThat(waitForEnd(job).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void drawsOneRowOfStepsPerWalkAndNamesItsSource() {
        Http.Response response = http.get("/samples/interpolation?job=" + job + "&seed=5");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        assertThat(response.header(SamplesController.JOB_HEADER)).isEqualTo(job);
        assertThat(response.header(SamplesController.EPOCH_HEADER)).isEqualTo("2");
        assertThat(response.header(SamplesController.SEED_HEADER)).isEqualTo("5");
        BufferedImage image = response.png();
        // By default 4 rows of 10 steps, tiles of 28 pixels with 2 between and around them.
        assertThat(image.getWidth()).isEqualTo(10 * TILE + 2);
        assertThat(image.getHeight()).isEqualTo(4 * TILE + 2);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    }

    @Test
    void theSameParametersGiveTheSameBytesAndOthersOthers() {
        String request = "/samples/interpolation?job=" + job + "&epoch=1&steps=6&rows=3&seed=";

        byte[] first = http.get(request + "42").body();

        assertThat(http.get(request + "42").body()).isEqualTo(first);
        assertThat(http.get(request + "43").body()).isNotEqualTo(first);
        assertThat(http.get(request + "42&path=slerp").body()).isNotEqualTo(first);
        assertThat(http.get(request + "42&path=linear").body()).isEqualTo(first);
    }

    @Test
    void aFixedWalkCarriesAnEntityTagAndAnOpenOneIsNotStored() {
        String fixed = "/samples/interpolation?job=" + job + "&epoch=1&steps=3&rows=1&seed=4";

        Http.Response first = http.get(fixed);
        Http.Response again = http.get(fixed, "If-None-Match", first.header("ETag"));
        Http.Response open = http.get("/samples/interpolation?job=" + job + "&seed=4");

        assertThat(first.header("ETag")).isNotNull();
        assertThat(first.header("Cache-Control")).isEqualTo("max-age=31536000, immutable");
        assertThat(again.status()).isEqualTo(304);
        assertThat(open.header("ETag")).isNull();
        assertThat(open.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void eachRowWalksFromOneSampleOfTheSeedToTheNext() {
        String source = "&job=" + job + "&epoch=2&seed=77";
        BufferedImage samples = http.get("/samples?count=6&columns=2" + source).png();

        for (String path : new String[] {"linear", "slerp"}) {
            BufferedImage walks =
                    http.get("/samples/interpolation?steps=5&rows=3&path=" + path + source).png();

            for (int row = 0; row < 3; row++) {
                assertSameTile(walks, 0, row, samples, 0, row);
                assertSameTile(walks, 4, row, samples, 1, row);
            }
        }
    }

    @Test
    void aRowDependsOnItsNumberAndTheSeedOnly() {
        String source = "&job=" + job + "&epoch=2&seed=9&steps=4";
        BufferedImage one = http.get("/samples/interpolation?rows=1" + source).png();
        BufferedImage three = http.get("/samples/interpolation?rows=3" + source).png();

        for (int column = 0; column < 4; column++) {
            assertSameTile(one, column, 0, three, column, 0);
        }
    }

    @Test
    void slerpAndTheStraightLineShareTheirEndsButNotTheirMiddles() {
        String source = "/samples/interpolation?job=" + job + "&steps=3&rows=2&seed=12&path=";
        BufferedImage linear = http.get(source + "linear").png();
        BufferedImage slerp = http.get(source + "slerp").png();

        for (int row = 0; row < 2; row++) {
            assertSameTile(linear, 0, row, slerp, 0, row);
            assertSameTile(linear, 2, row, slerp, 2, row);
        }
        assertThat(maxDifference(linear, 1, 0, slerp, 1, 0)).isGreaterThan(1);
    }

    @Test
    void scaleEnlargesEveryPixelAndTooLargeAPictureIsRefused() {
        BufferedImage image =
                http.get("/samples/interpolation?job=" + job + "&steps=2&rows=1&scale=3").png();
        Http.Response tooLarge =
                http.get("/samples/interpolation?job=" + job + "&steps=32&rows=16&scale=8");

        assertThat(image.getWidth()).isEqualTo((2 * TILE + 2) * 3);
        assertThat(image.getHeight()).isEqualTo((TILE + 2) * 3);
        assertProblem(tooLarge, 400);
        assertThat(tooLarge.json().get("field").asString()).isEqualTo("scale");
        assertThat(tooLarge.json().get("detail").asString()).contains("16 rows of 32 steps");
    }

    /** Equal up to one grey level, the most that batching the same noise differently moves. */
    private static void assertSameTile(
            BufferedImage a, int columnA, int rowA, BufferedImage b, int columnB, int rowB) {
        assertThat(maxDifference(a, columnA, rowA, b, columnB, rowB))
                .as("tile %d,%d against %d,%d", columnA, rowA, columnB, rowB)
                .isLessThanOrEqualTo(1);
    }

    private static int maxDifference(
            BufferedImage a, int columnA, int rowA, BufferedImage b, int columnB, int rowB) {
        int most = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int first = grey(a, columnA * TILE + 2 + x, rowA * TILE + 2 + y);
                int second = grey(b, columnB * TILE + 2 + x, rowB * TILE + 2 + y);
                most = Math.max(most, Math.abs(first - second));
            }
        }
        return most;
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }
}
