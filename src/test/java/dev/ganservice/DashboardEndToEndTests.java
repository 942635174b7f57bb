package dev.ganservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ganservice.support.Browser;
import dev.ganservice.support.ServiceProcess;
import dev.ganservice.support.TestFolders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (Debian's chromium through chromium-driver) against the packaged
 * jar training on real Fashion-MNIST: a job started from the form, its progress bar, plots and grid
 * strip, a second job cancelled from its button, live samples. Saves {@code
 * target/dashboard/dashboard.png}, taken mid-training, and a phone-sized view beside it. Runs in
 * Maven's verify phase; CI installs chromium.
 */
class DashboardEndToEndTests {

    private static final Path REAL_DATA = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Path ARTIFACTS = Path.of("target", "dashboard");
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration TRAINING = Duration.ofMinutes(4);
    private static final String TOKEN = "dashboard-test-token-0123456789";
    private static final Pattern STARTED = Pattern.compile("Started job (\\S+)\\.");

    @Test
    void startsWatchesAndCancelsJobsFromThePage() {
        assumeTrue(Browser.installed(), "needs Debian's chromium and chromium-driver");
        Path work = TestFolders.create("e2e-dashboard");
        // One worker, so the second job waits in the queue; a quick quality classifier.
        List<String> args =
                List.of(
                        "--gan.data.dirs[0]=" + REAL_DATA,
                        "--gan.workers=1",
                        "--gan.quality.samples=500",
                        "--gan.quality.classifier-epochs=1",
                        "--gan.quality.classifier-images=2000");

        try (ServiceProcess service = ServiceProcess.start(work, List.of("-Xmx1g"), args);
                Browser browser = Browser.open(work, 1280, 1800)) {
            try {
                exercise(service, browser);
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(ARTIFACTS.resolve("failure.png"));
                throw e;
            }
        }
    }

    @Test
    void withProtectedReadsShowsNothingUntilGivenTheTokenAndKeepsItInTheTabOnly() {
        assumeTrue(Browser.installed(), "needs Debian's chromium and chromium-driver");
        Path work = TestFolders.create("e2e-dashboard-token");
        List<String> args =
                List.of(
                        "--gan.data.dirs[0]=" + REAL_DATA,
                        "--gan.security.protect-reads=true",
                        "--gan.quality.enabled=false");
        Map<String, String> environment = Map.of("GAN_SECURITY_API_TOKEN", TOKEN);

        try (ServiceProcess service =
                        ServiceProcess.start(work, List.of("-Xmx1g"), args, environment);
                Browser browser = Browser.open(work, 1280, 1800)) {
            try {
                exerciseWithToken(service, browser);
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(ARTIFACTS.resolve("failure-token.png"));
                throw e;
            }
        }
    }

    private void exerciseWithToken(ServiceProcess service, Browser browser) {
        browser.get(service.baseUrl() + "/");
        browser.until(b -> b.find("#notice").isDisplayed(), PAGE, "the notice");
        assertThat(browser.text("#notice")).contains("API token");
        browser.type("#f-epochs", "2");
        browser.find("#train-form button[type=submit]").click();
        browser.until(
                b -> b.text("#train-problem").contains("needs its API token"), PAGE, "the refusal");

        browser.type("#token", TOKEN);
        browser.find("#token-form button[type=submit]").click();
        browser.until(b -> b.find("body").getAttribute("data-ready"), PAGE, "the job list");
        assertThat(browser.find("#notice").isDisplayed()).isFalse();
        assertThat(browser.find("#token").getDomProperty("value")).isEmpty();
        String id = start(browser, "2", "32", "320", "3");
        browser.until(b -> "SUCCEEDED".equals(statusOf(b, id)), TRAINING, id + " to succeed");

        browser.until(b -> b.findAll("#grid-strip .thumb").size() == 2, PAGE, "both grids");
        browser.until(b -> imageWidth(b, "grid-image") > 0, PAGE, "the grid, with the token");
        assertThat(browser.find("#grid-image").getAttribute("src")).startsWith("blob:");
        assertThat(browser.findAll("#history-table tbody tr")).hasSize(2);
        assertThat(browser.script("return sessionStorage.getItem('gan-service.api-token')"))
                .isEqualTo(TOKEN);
        assertThat(browser.script("return localStorage.length + document.cookie.length"))
                .isEqualTo(0L);
        assertThat(browser.currentUrl()).doesNotContain(TOKEN);

        browser.find("#token-forget").click();
        browser.until(b -> b.find("#notice").isDisplayed(), PAGE, "the notice again");
        assertThat(browser.findAll("#job-list li")).isEmpty();
        assertThat(browser.find("#detail").isDisplayed()).isFalse();
        assertThat(service.log()).doesNotContain(TOKEN);
    }

    private void exercise(ServiceProcess service, Browser browser) {
        browser.get(service.baseUrl() + "/");
        browser.until(b -> b.find("body").getAttribute("data-ready"), PAGE, "the job list");

        showsTheProblemNextToTheField(browser);
        String first = start(browser, "6", "64", "3000", "7");
        String second = start(browser, "20", "64", "3000", "8");
        cancelsFromTheButton(service, browser, second);
        resumesFromTheButton(service, browser, second);
        cancelsFromTheButton(service, browser, second);

        browser.find(job(first) + " .job-select").click();
        browser.until(b -> b.text("#detail-title").equals("Job " + first), PAGE, "job " + first);
        watchesTheProgressBarMove(browser, first);
        screenshotMidTraining(browser, first);
        scrubsTheGridStripWithTheKeyboard(browser);

        browser.until(b -> "SUCCEEDED".equals(statusOf(b, first)), TRAINING, first + " to succeed");
        assertThat(browser.find("#detail-bar").getDomProperty("value")).isEqualTo("1");
        showsTheQualityScoreWhenTheServiceHasOne(service, browser, first);
        drawsLiveSamples(browser, first);
        fitsAPhoneScreen(browser);

        assertThat(browser.consoleMessages())
                .as("script errors and content security policy violations on the page")
                .noneMatch(
                        message ->
                                message.contains("Uncaught")
                                        || message.contains("Content Security Policy"));
    }

    private static void showsTheProblemNextToTheField(Browser browser) {
        browser.type("#f-epochs", "0");
        browser.find("#train-form button[type=submit]").click();

        browser.until(
                b -> b.text("#train-problem").contains("between 1 and 1000"),
                PAGE,
                "the problem of epochs = 0");
        assertThat(browser.find("#f-epochs").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.text("#f-epochs-error")).isEqualTo("Epochs must be between 1 and 1000");
        assertThat(browser.findAll("#job-list li")).isEmpty();

        // A type error: the API's message names the field itself, the form says it once.
        browser.type("#f-epochs", "5");
        browser.type("#f-seed", "1.5");
        browser.find("#train-form button[type=submit]").click();
        browser.until(b -> !b.text("#f-seed-error").isEmpty(), PAGE, "the problem of seed = 1.5");
        assertThat(browser.text("#f-seed-error"))
                .startsWith("Seed must be ")
                .doesNotContain("seed");
        assertThat(browser.findAll("#job-list li")).isEmpty();
        browser.type("#f-seed", "");
    }

    private static String start(
            Browser browser, String epochs, String batchSize, String limit, String seed) {
        browser.type("#f-epochs", epochs);
        browser.type("#f-batchSize", batchSize);
        browser.type("#f-limit", limit);
        browser.type("#f-seed", seed);
        String before = browser.text("#train-result");
        browser.find("#train-form button[type=submit]").click();

        String result =
                browser.until(
                        b -> {
                            String text = b.text("#train-result");
                            return STARTED.matcher(text).matches() && !text.equals(before)
                                    ? text
                                    : null;
                        },
                        PAGE,
                        "the job to start");
        Matcher started = STARTED.matcher(result);
        assertThat(started.matches()).isTrue();
        String id = started.group(1);
        assertThat(browser.text("#train-problem")).isEmpty();
        browser.until(b -> !b.findAll(job(id)).isEmpty(), PAGE, id + " in the list");
        return id;
    }

    private static void cancelsFromTheButton(ServiceProcess service, Browser browser, String id) {
        browser.until(b -> b.find(job(id) + " .cancel").isDisplayed(), PAGE, "a cancel button");
        browser.find(job(id) + " .cancel").click();

        browser.until(b -> "CANCELLED".equals(statusOf(b, id)), PAGE, id + " cancelled");
        assertThat(browser.find(job(id) + " .cancel").isDisplayed()).isFalse();
        JsonNode cancelled = service.http().get("/train/" + id).json();
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
    }

    private static void resumesFromTheButton(ServiceProcess service, Browser browser, String id) {
        browser.until(b -> b.find(job(id) + " .resume").isDisplayed(), PAGE, "a resume button");
        browser.find(job(id) + " .resume").click();

        // Queued behind the first job, or running if that one has just finished.
        browser.until(
                b -> Set.of("QUEUED", "RUNNING").contains(statusOf(b, id)),
                PAGE,
                id + " queued again");
        assertThat(browser.find(job(id) + " .resume").isDisplayed()).isFalse();
        JsonNode resumed = service.http().get("/train/" + id).json();
        assertThat(resumed.get("status").asString()).isIn("QUEUED", "RUNNING");
        assertThat(resumed.get("resumes").asInt()).isEqualTo(1);
    }

    private static void watchesTheProgressBarMove(Browser browser, String id) {
        Set<String> seen = new TreeSet<>();
        browser.until(
                b -> {
                    String value = b.find(job(id) + " progress").getDomProperty("value");
                    if ("RUNNING".equals(statusOf(b, id)) && Double.parseDouble(value) > 0) {
                        seen.add(value);
                    }
                    return seen.size() >= 3;
                },
                TRAINING,
                "the progress bar of " + id + " to move; values seen: " + seen);
        assertThat(browser.text(job(id) + " .job-progress"))
                .matches("Epoch \\d of 6 · batch \\d+ of 47 · [\\d,]+ images/s( · .* left)?");
    }

    /** Once two epochs are plotted and in the strip, while the job still trains. */
    private static void screenshotMidTraining(Browser browser, String id) {
        browser.until(
                b ->
                        b.findAll("#grid-strip .thumb").size() >= 2
                                && b.findAll("#history-table tbody tr").size() >= 2
                                && !b.findAll("#chart-loss canvas").isEmpty()
                                && !b.findAll("#chart-scores canvas").isEmpty()
                                && Boolean.TRUE.equals(
                                        b.script(
                                                "return document.getElementById('grid-image')"
                                                        + ".naturalWidth > 0")),
                TRAINING,
                "two epochs in the plots and the grid strip");
        assertThat(statusOf(browser, id)).as("still training").isEqualTo("RUNNING");
        browser.screenshot(ARTIFACTS.resolve("dashboard.png"));
        assertThat(browser.find("#detail-status").getAttribute("data-status")).isEqualTo("RUNNING");
    }

    private static void scrubsTheGridStripWithTheKeyboard(Browser browser) {
        browser.find("#grid-strip .thumb[aria-current=true]").click();
        int newest = currentGridEpoch(browser);

        browser.find("#grid-strip .thumb[aria-current=true]").sendKeys(Keys.ARROW_LEFT);
        browser.until(b -> currentGridEpoch(b) == newest - 1, PAGE, "the epoch before");
        browser.find("#grid-strip .thumb[aria-current=true]").sendKeys(Keys.HOME);
        browser.until(b -> currentGridEpoch(b) == 1, PAGE, "epoch 1");

        assertThat(browser.text("#grid-epoch-label")).startsWith("1 of ");
        assertThat(browser.find("#grid-image").getAttribute("src")).endsWith("/epochs/1/grid.png");
        assertThat(browser.script("return document.activeElement.dataset.epoch")).isEqualTo("1");
    }

    private static int currentGridEpoch(Browser browser) {
        return Integer.parseInt(
                browser.find("#grid-strip .thumb[aria-current=true]").getAttribute("data-epoch"));
    }

    /** With quality scoring the page plots it; without, it says why there is no plot. */
    private static void showsTheQualityScoreWhenTheServiceHasOne(
            ServiceProcess service, Browser browser, String id) {
        JsonNode history = service.http().get("/train/" + id).json().get("history");
        boolean scored = false;
        for (JsonNode epoch : history) {
            scored |= epoch.has("fid") && epoch.get("fid").isNumber();
        }

        if (scored) {
            browser.until(b -> !b.findAll("#chart-quality canvas").isEmpty(), PAGE, "fid plot");
            assertThat(browser.find("#chart-quality-empty").isDisplayed()).isFalse();
        } else {
            assertThat(browser.find("#chart-quality-empty").isDisplayed()).isTrue();
            assertThat(browser.findAll("#chart-quality canvas")).isEmpty();
        }
    }

    private static void drawsLiveSamples(Browser browser, String id) {
        browser.find("#sample-form button[type=submit]").click();
        browser.until(
                b -> b.text("#sample-caption").startsWith("Samples from job " + id + ", epoch 6"),
                PAGE,
                "samples");
        browser.until(b -> imageWidth(b, "sample-image") == (8 * 30 + 2) * 2, PAGE, "its PNG");

        browser.type("#sample-seed", "42");
        browser.find("#sample-interpolate").click();
        browser.until(
                b -> b.text("#sample-caption").startsWith("Interpolation from job " + id),
                PAGE,
                "an interpolation");
        assertThat(browser.text("#sample-caption")).endsWith("seed 42");
        browser.until(b -> imageWidth(b, "sample-image") == (10 * 30 + 2) * 2, PAGE, "its PNG");
    }

    private static long imageWidth(Browser browser, String id) {
        return (Long)
                browser.script("return document.getElementById(arguments[0]).naturalWidth", id);
    }

    private static void fitsAPhoneScreen(Browser browser) {
        browser.resize(390, 844);

        browser.until(
                b ->
                        (Boolean)
                                b.script(
                                        "return document.documentElement.scrollWidth"
                                                + " <= window.innerWidth"),
                PAGE,
                "no sideways scrolling at phone width");
        browser.screenshot(ARTIFACTS.resolve("dashboard-phone.png"));
    }

    private static String statusOf(Browser browser, String id) {
        return browser.find(job(id) + " .status").getAttribute("data-status");
    }

    private static String job(String id) {
        return "li[data-job-id='" + id + "']";
    }
}
