package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files come from the jar: the page, its modules, its styles and uPlot, every one
 * from this service (no CDN), and every element the scripts look up is on the page.
 */
class DashboardPageTests extends ApiTestBase {

    private static final Pattern PAGE_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([\\w-]+\\.js)'");
    private static final Pattern LOOKUP = Pattern.compile("\\$\\('([\\w-]+)'\\)");

    @Test
    void theRootServesThePage() {
        Http.Response page = http.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text())
                .contains("<title>gan-service dashboard</title>")
                .contains("<script type=\"module\" src=\"/dashboard/app.js\"></script>");
        assertThat(page.text()).doesNotContain("<script>", "style=");
        assertThat(page.header("Content-Security-Policy"))
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'");
    }

    @Test
    void onlyThePageCarriesItsContentSecurityPolicy() {
        assertThat(http.get("/index.html").header("Content-Security-Policy")).isNotNull();
        assertThat(http.get("/train").header("Content-Security-Policy")).isNull();
        assertThat(http.get("/swagger-ui/index.html").header("Content-Security-Policy")).isNull();
    }

    @Test
    void everyFileThePageNamesIsServedFromTheJar() {
        List<String> references = matches(PAGE_REFERENCE, http.get("/").text());

        assertThat(references)
                .contains("/webjars/uplot/dist/uPlot.iife.min.js", "/dashboard/app.css")
                .allSatisfy(reference -> assertThat(reference).matches("^(/[^/].*|#\\w+|data:,)$"));
        references.stream()
                .filter(reference -> reference.startsWith("/"))
                .forEach(
                        path -> {
                            Http.Response file = http.get(path);
                            assertThat(file.status()).as(path).isEqualTo(200);
                            assertThat(file.body()).as(path).isNotEmpty();
                        });
    }

    @Test
    void everyModuleTheScriptsImportIsServedAsJavaScript() {
        Set<String> modules = new LinkedHashSet<>(List.of("app.js"));
        List<String> pending = new ArrayList<>(modules);

        while (!pending.isEmpty()) {
            String module = pending.remove(0);
            Http.Response file = http.get("/dashboard/" + module);
            assertThat(file.status()).as(module).isEqualTo(200);
            assertThat(file.header("Content-Type")).as(module).startsWith("text/javascript");
            for (String imported : matches(MODULE_IMPORT, file.text())) {
                if (modules.add(imported)) {
                    pending.add(imported);
                }
            }
        }

        assertThat(modules).hasSizeGreaterThan(5);
    }

    @Test
    void everyElementTheScriptLooksUpIsOnThePage() {
        String page = http.get("/").text();
        List<String> ids = matches(LOOKUP, http.get("/dashboard/app.js").text());

        assertThat(ids).hasSizeGreaterThan(20);
        assertThat(ids).allSatisfy(id -> assertThat(page).contains("id=\"" + id + "\""));
    }

    @Test
    void unknownDashboardFilesAreProblemsLikeAnyOtherUnknownPath() {
        assertProblem(http.get("/dashboard/missing.js"), 404);
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
