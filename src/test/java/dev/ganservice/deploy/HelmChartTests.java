package dev.ganservice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints the Helm chart in {@code helm/gan-service} and renders it in-process with helm-java, then
 * checks the rendered manifests as parsed YAML.
 */
class HelmChartTests {

    private static final Path CHART = Path.of("helm", "gan-service");
    private static final Path VALUES = Path.of("src", "test", "resources", "helm");

    /** helm-java's library defaults to Kubernetes 1.20, below the chart's kubeVersion. */
    private static final String KUBE_VERSION = "1.30.0";

    private static final String RELEASE = "demo";
    private static final String NAMESPACE = "ml";
    private static final String FULL_NAME = "demo-gan-service";
    private static final String GPU = "nvidia.com/gpu";

    @Test
    void lintReportsNeitherErrorsNorWarnings() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages())
                .noneMatch(message -> message.contains("[ERROR]"))
                .noneMatch(message -> message.contains("[WARNING]"));
    }

    @Test
    void defaultValuesRenderTheCoreObjectsOnly() {
        Manifests manifests = render(template -> template);

        assertThat(manifests.kinds())
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "ConfigMap",
                        "PersistentVolumeClaim",
                        "Service",
                        "Deployment");
    }

    @Test
    void everyObjectCarriesTheStandardLabels() {
        Manifests manifests = render(template -> template.withValuesFile(values("ingress")));

        assertThat(manifests.documents()).hasSizeGreaterThanOrEqualTo(6);
        for (Map<String, Object> document : manifests.documents()) {
            assertThat(map(document, "metadata", "labels"))
                    .as("labels of %s", document.get("kind"))
                    .containsEntry("app.kubernetes.io/name", "gan-service")
                    .containsEntry("app.kubernetes.io/instance", RELEASE)
                    .containsEntry("app.kubernetes.io/version", "0.1.0")
                    .containsEntry("app.kubernetes.io/component", "server")
                    .containsEntry("app.kubernetes.io/part-of", "gan-service")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
    }

    @Test
    void deploymentRunsOneReplicaByDefault() {
        Manifests manifests = render(template -> template);

        assertThat(map(manifests.only("Deployment"), "spec")).containsEntry("replicas", 1);
    }

    @Test
    void probesUseTheActuatorHealthGroupsOnThePortNamedHttp() {
        Map<String, Object> container = render(template -> template).container();

        assertThat(map(container, "livenessProbe", "httpGet"))
                .containsEntry("path", "/actuator/health/liveness")
                .containsEntry("port", "http");
        assertThat(map(container, "readinessProbe", "httpGet"))
                .containsEntry("path", "/actuator/health/readiness")
                .containsEntry("port", "http");
        assertThat(map(container, "startupProbe", "httpGet"))
                .containsEntry("path", "/actuator/health/liveness")
                .containsEntry("port", "http");
        assertThat(list(container, "ports"))
                .containsExactly(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"));
    }

    @Test
    void startupProbeAllowsMinutesForTheNativeBackendToLoad() {
        Map<String, Object> probe = map(render(template -> template).container(), "startupProbe");

        int seconds =
                (Integer) probe.get("periodSeconds") * (Integer) probe.get("failureThreshold");

        assertThat(seconds).isGreaterThanOrEqualTo(180);
    }

    @Test
    void runsVolumeIsTheChartsClaimByDefault() {
        Manifests manifests = render(template -> template);

        Map<String, Object> claim = manifests.only("PersistentVolumeClaim");
        assertThat(map(claim, "metadata")).containsEntry("name", FULL_NAME + "-runs");
        assertThat(list(claim, "spec", "accessModes")).containsExactly("ReadWriteOnce");
        assertThat(map(claim, "spec", "resources", "requests")).containsEntry("storage", "10Gi");
        assertThat(manifests.runsMountPath()).isEqualTo("/app/runs");
        assertThat(manifests.volume("runs"))
                .containsEntry("persistentVolumeClaim", Map.of("claimName", FULL_NAME + "-runs"));
        assertThat(map(manifests.only("Deployment"), "spec", "strategy"))
                .containsEntry("type", "Recreate");
    }

    @Test
    void claimTakesStorageClassSizeAndAccessModesFromValues() {
        Manifests manifests =
                render(
                        template ->
                                template.set("persistence.storageClass", "fast-ssd")
                                        .set("persistence.size", "50Gi")
                                        .set("persistence.accessModes[0]", "ReadWriteMany"));

        Map<String, Object> spec = map(manifests.only("PersistentVolumeClaim"), "spec");
        assertThat(spec).containsEntry("storageClassName", "fast-ssd");
        assertThat(map(spec, "resources", "requests")).containsEntry("storage", "50Gi");
        assertThat(list(spec, "accessModes")).containsExactly("ReadWriteMany");
        assertThat(map(manifests.only("Deployment"), "spec", "strategy"))
                .containsEntry("type", "RollingUpdate");
    }

    @Test
    void existingClaimIsMountedAndNoClaimIsRendered() {
        Manifests manifests =
                render(template -> template.set("persistence.existingClaim", "gan-runs"));

        assertThat(manifests.kinds()).doesNotContain("PersistentVolumeClaim");
        assertThat(manifests.runsMountPath()).isEqualTo("/app/runs");
        assertThat(manifests.volume("runs"))
                .containsEntry("persistentVolumeClaim", Map.of("claimName", "gan-runs"));
        assertThat(map(manifests.only("Deployment"), "spec", "strategy"))
                .containsEntry("type", "Recreate");
    }

    @Test
    void disabledPersistenceFallsBackToAnEmptyDir() {
        Manifests manifests = render(template -> template.set("persistence.enabled", false));

        assertThat(manifests.kinds()).doesNotContain("PersistentVolumeClaim");
        assertThat(manifests.runsMountPath()).isEqualTo("/app/runs");
        assertThat(manifests.volume("runs"))
                .containsKey("emptyDir")
                .doesNotContainKey("persistentVolumeClaim");
    }

    @Test
    void gpuValuesRequestGpusAndRunTheCudaImage() {
        Manifests manifests = render(template -> template.withValuesFile(values("gpu")));

        Map<String, Object> container = manifests.container();
        assertThat(map(container, "resources", "limits"))
                .containsEntry(GPU, 2)
                .containsEntry("memory", "4Gi");
        assertThat((String) container.get("image"))
                .isEqualTo("ghcr.io/gan-service/gan-service:0.1.0-cuda");
    }

    @Test
    void gpuValuesAddGpuNodeSelectorTolerationsAndRuntimeClass() {
        Map<String, Object> pod = render(template -> template.withValuesFile(values("gpu"))).pod();

        assertThat(map(pod, "nodeSelector"))
                .containsEntry("nvidia.com/gpu.present", "true")
                .containsEntry("kubernetes.io/os", "linux");
        assertThat(list(pod, "tolerations"))
                .contains(
                        Map.of(
                                "key", "dedicated",
                                "operator", "Equal",
                                "value", "ml",
                                "effect", "NoSchedule"),
                        Map.of("key", GPU, "operator", "Exists", "effect", "NoSchedule"));
        assertThat(pod).containsEntry("runtimeClassName", "nvidia");
    }

    @Test
    void gpuValuesKeepAnExplicitCudaTagAsItIs() {
        Manifests manifests =
                render(
                        template ->
                                template.withValuesFile(values("gpu"))
                                        .set("image.tag", "0.2.0-cuda"));

        assertThat(manifests.container())
                .containsEntry("image", "ghcr.io/gan-service/gan-service:0.2.0-cuda");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"default values, ''", "existing claim, gan-runs"})
    void withoutGpuNothingMentionsGpusAndTheImageIsTheCpuOne(String label, String claim) {
        String rendered = renderText(template -> template.set("persistence.existingClaim", claim));
        Manifests manifests = Manifests.parse(rendered);

        assertThat(rendered).doesNotContain(GPU);
        assertThat(map(manifests.container(), "resources", "limits")).doesNotContainKey(GPU);
        assertThat(manifests.container())
                .containsEntry("image", "ghcr.io/gan-service/gan-service:0.1.0");
        assertThat(manifests.pod()).doesNotContainKey("runtimeClassName");
    }

    @Test
    void resourcesDefaultToTwoCpusAndThreeToFourGibibytes() {
        Map<String, Object> resources = map(render(template -> template).container(), "resources");

        assertThat(map(resources, "requests"))
                .containsEntry("cpu", "2")
                .containsEntry("memory", "3Gi");
        assertThat(map(resources, "limits")).containsExactly(Map.entry("memory", "4Gi"));
    }

    @Test
    void configMapHoldsApplicationYamlWithTheRunsFolderAndDefaults() {
        Map<String, Object> yaml = render(template -> template).applicationYaml();

        Map<String, Object> gan = map(yaml, "gan");
        assertThat(gan)
                .containsEntry("runs-dir", "/app/runs")
                .containsEntry("workers", 1)
                .containsEntry("queue-capacity", 8);
        assertThat(list(gan, "data", "dirs")).containsExactly("/usr/share/datasets/fashion-mnist");
        assertThat(map(gan, "nd4j")).containsEntry("omp-wait-policy", "PASSIVE");
        assertThat(map(gan, "jobs")).containsEntry("auto-resume", true);
        assertThat(map(gan, "checkpoints")).doesNotContainKey("keep-last");
        assertThat(map(gan, "quality"))
                .containsEntry("enabled", true)
                .containsEntry("samples", 5000);
    }

    @Test
    void qualitySamplesReachTheConfigAndMustBeAtLeastTwo() {
        Map<String, Object> yaml =
                render(template -> template.set("config.gan.quality.samples", "1000"))
                        .applicationYaml();
        TemplateCommand one = template().set("config.gan.quality.samples", "1");

        assertThat(map(yaml, "gan", "quality")).containsEntry("samples", 1000);
        assertThatThrownBy(one::call)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("samples");
    }

    @Test
    void keepLastReachesTheConfigAndMustKeepAtLeastOneCheckpoint() {
        Map<String, Object> yaml =
                render(template -> template.set("config.gan.checkpoints.keep-last", "3"))
                        .applicationYaml();
        TemplateCommand none = template().set("config.gan.checkpoints.keep-last", "0");

        assertThat(map(yaml, "gan", "checkpoints")).containsEntry("keep-last", 3);
        assertThatThrownBy(none::call)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keep-last");
    }

    @Test
    void configMapHoldsTheSettingsFromTheValues() {
        Manifests manifests = render(template -> template.withValuesFile(values("config")));
        Map<String, Object> yaml = manifests.applicationYaml();

        Map<String, Object> gan = map(yaml, "gan");
        assertThat(gan)
                .containsEntry("runs-dir", "/app/runs")
                .containsEntry("workers", 2)
                .containsEntry("queue-capacity", 3);
        assertThat(list(gan, "data", "dirs")).containsExactly("/data/mnist");
        assertThat(map(gan, "checkpoints")).containsEntry("min-free-space", "2GB");
        assertThat(map(gan, "nd4j"))
                .containsEntry("threads", 4)
                .containsEntry("omp-wait-policy", "PASSIVE");
        assertThat(map(yaml, "logging", "level")).containsEntry("dev.ganservice.training", "DEBUG");
    }

    @Test
    void configMapIsMountedWhereSpringBootReadsOverrides() {
        Manifests manifests = render(template -> template);

        assertThat(manifests.mountPath("config")).isEqualTo("/app/config");
        assertThat(manifests.volume("config"))
                .containsEntry("configMap", Map.of("name", FULL_NAME));
        assertThat(map(manifests.only("ConfigMap"), "metadata")).containsEntry("name", FULL_NAME);
        assertThat(map(manifests.only("ConfigMap"), "data")).containsOnlyKeys("application.yml");
    }

    @Test
    void changedConfigChangesThePodsChecksumAndNothingElseDoes() {
        String original = render(template -> template).configChecksum();
        String again = render(template -> template.set("service.port", 80)).configChecksum();
        String changed = render(template -> template.set("config.gan.workers", 2)).configChecksum();

        assertThat(original).matches("[0-9a-f]{64}").isEqualTo(again);
        assertThat(changed).matches("[0-9a-f]{64}").isNotEqualTo(original);
    }

    @Test
    void existingSecretAndExtraEnvReachTheContainer() {
        Manifests manifests =
                render(
                        template ->
                                template.set("existingSecret", "gan-secrets")
                                        .set("env[0].name", "LOGGING_LEVEL_DEV_GANSERVICE")
                                        .set("env[0].value", "DEBUG"));

        Map<String, Object> container = manifests.container();
        assertThat(list(container, "envFrom"))
                .containsExactly(Map.of("secretRef", Map.of("name", "gan-secrets")));
        assertThat(list(container, "env"))
                .contains(
                        Map.of("name", "GAN_ND4J_CACHE_DIR", "value", "/app/cache/javacpp"),
                        Map.of("name", "LOGGING_LEVEL_DEV_GANSERVICE", "value", "DEBUG"));
    }

    @Test
    void anApiTokenValueBecomesASecretThatTheContainerReads() {
        String token = "helm-token-5d2c9e0a7f31";
        String rendered = renderText(template -> template.set("security.apiToken", token));
        Manifests manifests = Manifests.parse(rendered);

        Map<String, Object> secret = manifests.only("Secret");
        assertThat(map(secret, "metadata")).containsEntry("name", FULL_NAME + "-api-token");
        assertThat(map(secret, "data"))
                .containsExactly(
                        Map.entry(
                                "api-token",
                                Base64.getEncoder()
                                        .encodeToString(token.getBytes(StandardCharsets.UTF_8))));
        assertThat(list(manifests.container(), "env"))
                .contains(tokenFromSecret(FULL_NAME + "-api-token", "api-token"));
        assertThat(map(manifests.only("Deployment"), "spec", "template", "metadata", "annotations"))
                .containsKey("checksum/api-token");
        assertThat(rendered).as("the token in plain text").doesNotContain(token);
    }

    @Test
    void anExistingSecretSuppliesTheTokenAndTheChartCreatesNone() {
        Manifests manifests =
                render(
                        template ->
                                template.set("security.existingSecret", "gan-api")
                                        .set("security.existingSecretKey", "token"));

        assertThat(manifests.kinds()).doesNotContain("Secret");
        assertThat(list(manifests.container(), "env"))
                .contains(tokenFromSecret("gan-api", "token"));
        assertThat(map(manifests.only("Deployment"), "spec", "template", "metadata", "annotations"))
                .doesNotContainKey("checksum/api-token");
    }

    @Test
    void withoutATokenThereIsNoSecretAndNoTokenVariable() {
        Manifests manifests = render(template -> template);

        assertThat(manifests.kinds()).doesNotContain("Secret");
        assertThat(list(manifests.container(), "env"))
                .noneMatch(env -> map(env).get("name").equals("GAN_SECURITY_API_TOKEN"));
    }

    @Test
    void refusesBothAnApiTokenAndAnExistingSecret() {
        TemplateCommand template =
                template()
                        .set("security.apiToken", "helm-token-5d2c9e0a7f31")
                        .set("security.existingSecret", "gan-api");

        assertThatThrownBy(template::call)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("security.apiToken or security.existingSecret");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "security.apiToken, short-token, /security/apiToken",
        "config.gan.security.api-token, helm-token-5d2c9e0a7f31, /config/gan/security"
    })
    void schemaRefusesAShortTokenOrOneInTheConfigMap(String key, String value, String field) {
        TemplateCommand template = template().set(key, value);

        assertThatThrownBy(template::call)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(field);
    }

    @Test
    void notesExplainHowToSendTheTokenAndDropTheWarning() {
        String notes =
                notes(
                        new Helm(CHART)
                                .install()
                                .withValuesFile(values("ingress"))
                                .set("security.existingSecret", "gan-api"));

        assertThat(notes)
                .contains("get secret gan-api")
                .contains("-H \"Authorization: Bearer $GAN_TOKEN\"")
                .doesNotContain("no authentication");
    }

    private static Map<String, Object> tokenFromSecret(String secret, String key) {
        return Map.of(
                "name",
                "GAN_SECURITY_API_TOKEN",
                "valueFrom",
                Map.of("secretKeyRef", Map.of("name", secret, "key", key)));
    }

    @Test
    void noEnvFromWithoutSecretOrSources() {
        assertThat(render(template -> template).container()).doesNotContainKey("envFrom");
    }

    @Test
    void podRunsAsNonRootWithAReadOnlyRootFilesystem() {
        Manifests manifests = render(template -> template);

        assertThat(map(manifests.pod(), "securityContext"))
                .containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", 10001)
                .containsEntry("runAsGroup", 10001)
                .containsEntry("fsGroup", 10001)
                .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
        assertThat(map(manifests.container(), "securityContext"))
                .containsEntry("runAsNonRoot", true)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("capabilities", Map.of("drop", List.of("ALL")))
                .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
        assertThat(manifests.pod())
                .containsEntry("automountServiceAccountToken", false)
                .containsEntry("enableServiceLinks", false);
    }

    @Test
    void tmpAndTheNativeCacheAreWritableEmptyDirs() {
        Manifests manifests = render(template -> template);

        assertThat(manifests.mountPath("tmp")).isEqualTo("/tmp");
        assertThat(manifests.mountPath("cache")).isEqualTo("/app/cache");
        assertThat(manifests.mount("tmp")).doesNotContainEntry("readOnly", true);
        assertThat(manifests.mount("cache")).doesNotContainEntry("readOnly", true);
        assertThat(manifests.volume("tmp")).containsKey("emptyDir");
        assertThat(manifests.volume("cache")).containsEntry("emptyDir", Map.of("sizeLimit", "1Gi"));
        assertThat(list(manifests.container(), "env"))
                .contains(Map.of("name", "GAN_ND4J_CACHE_DIR", "value", "/app/cache/javacpp"));
    }

    @Test
    void gpuValuesGiveTheNativeCacheMoreRoom() {
        Manifests manifests = render(template -> template.withValuesFile(values("gpu")));

        assertThat(manifests.volume("cache")).containsEntry("emptyDir", Map.of("sizeLimit", "3Gi"));
    }

    @Test
    void serviceExposesAPortNamedHttpThatSelectsThePod() {
        Manifests manifests = render(template -> template);

        Map<String, Object> spec = map(manifests.only("Service"), "spec");
        assertThat(list(spec, "ports"))
                .containsExactly(
                        Map.of(
                                "name",
                                "http",
                                "port",
                                8080,
                                "targetPort",
                                "http",
                                "protocol",
                                "TCP"));
        assertThat(map(spec, "selector")).isNotEmpty();
        assertThat(map(manifests.only("Deployment"), "spec", "template", "metadata", "labels"))
                .containsAllEntriesOf(map(spec, "selector"));
    }

    @Test
    void podCarriesPrometheusScrapeAnnotations() {
        Manifests manifests = render(template -> template);

        assertThat(map(manifests.only("Deployment"), "spec", "template", "metadata", "annotations"))
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/actuator/prometheus")
                .containsEntry("prometheus.io/port", "8080");
    }

    @Test
    void serviceMonitorIsRenderedOnlyWhenEnabled() {
        assertThat(render(template -> template).kinds()).doesNotContain("ServiceMonitor");

        Manifests manifests =
                render(template -> template.withValuesFile(values("service-monitor")));

        Map<String, Object> monitor = manifests.only("ServiceMonitor");
        assertThat(monitor).containsEntry("apiVersion", "monitoring.coreos.com/v1");
        assertThat(map(monitor, "metadata", "labels")).containsEntry("release", "prometheus");
        assertThat(list(monitor, "spec", "endpoints"))
                .containsExactly(
                        Map.of(
                                "port",
                                "http",
                                "path",
                                "/actuator/prometheus",
                                "interval",
                                "15s",
                                "scrapeTimeout",
                                "10s"));
        assertThat(map(manifests.only("Service"), "metadata", "labels"))
                .containsAllEntriesOf(map(monitor, "spec", "selector", "matchLabels"));
    }

    @Test
    void ingressIsRenderedOnlyWhenEnabled() {
        assertThat(render(template -> template).kinds()).doesNotContain("Ingress");

        Manifests manifests = render(template -> template.withValuesFile(values("ingress")));

        Map<String, Object> ingress = manifests.only("Ingress");
        assertThat(ingress).containsEntry("apiVersion", "networking.k8s.io/v1");
        Map<String, Object> spec = map(ingress, "spec");
        assertThat(spec).containsEntry("ingressClassName", "nginx");
        assertThat(list(spec, "tls"))
                .containsExactly(
                        Map.of(
                                "hosts",
                                List.of("gan.example.com"),
                                "secretName",
                                "gan-example-tls"));
        Map<String, Object> rule = map(list(spec, "rules").get(0));
        assertThat(rule).containsEntry("host", "gan.example.com");
        assertThat(list(rule, "http", "paths"))
                .containsExactly(
                        Map.of(
                                "path", "/",
                                "pathType", "Prefix",
                                "backend",
                                        Map.of(
                                                "service",
                                                Map.of(
                                                        "name",
                                                        FULL_NAME,
                                                        "port",
                                                        Map.of("name", "http")))));
    }

    @Test
    void notesTellHowToReachTheServiceStartAJobAndFetchSamples() {
        String notes = notes(new Helm(CHART).install());

        assertThat(notes)
                .contains("port-forward service/" + FULL_NAME)
                .contains("-X POST \"$GAN_URL/train\"")
                .contains("$GAN_URL/train/<job id>")
                .contains("$GAN_URL/samples?")
                .doesNotContain("no authentication");
    }

    @Test
    void notesUseTheIngressHostWhenEnabled() {
        String notes = notes(new Helm(CHART).install().withValuesFile(values("ingress")));

        assertThat(notes)
                .contains("export GAN_URL=https://gan.example.com")
                .doesNotContain("port-forward")
                .contains("no authentication");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "invalid-replica-count, /replicaCount",
        "invalid-persistence-size, /persistence/size",
        "invalid-top-level-key, replicas"
    })
    void valuesThatBreakTheSchemaFailToRenderNamingTheField(String file, String field) {
        TemplateCommand template = template().withValuesFile(VALUES.resolve(file + ".yaml"));

        assertThatThrownBy(template::call)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema")
                .hasMessageContaining(field);
    }

    @Test
    void schemaRefusesAnotherRunsFolder() {
        TemplateCommand template = template().set("config.gan.runs-dir", "/srv/runs");

        assertThatThrownBy(template::call)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/config/gan/runs-dir");
    }

    @Test
    void schemaRefusesAnEnvValueThatKubernetesWouldRefuse() {
        TemplateCommand template =
                template().set("env[0].name", "GAN_WORKERS").set("env[0].value", 2);

        assertThatThrownBy(template::call)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/env/0/value");
    }

    @Test
    void schemaRefusesMoreThanOneReplica() {
        TemplateCommand template = template().set("replicaCount", 2);

        assertThatThrownBy(template::call)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/replicaCount");
    }

    private static TemplateCommand template() {
        return new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
    }

    private static String renderText(UnaryOperator<TemplateCommand> options) {
        return options.apply(template()).call();
    }

    private static Manifests render(UnaryOperator<TemplateCommand> options) {
        return Manifests.parse(renderText(options));
    }

    /** Installs nothing: a client-only dry run, which renders NOTES.txt without a cluster. */
    private static String notes(InstallCommand install) {
        String output =
                install.withName(RELEASE)
                        .withNamespace(NAMESPACE)
                        .withKubeVersion(KUBE_VERSION)
                        .clientOnly()
                        .dryRun()
                        .call()
                        .getOutput();
        assertThat(output).contains("NOTES:");
        return output.substring(output.indexOf("NOTES:"));
    }

    private static Path values(String name) {
        return VALUES.resolve(name + "-values.yaml");
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            assertThat(current).as("parent of %s", key).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(key);
            assertThat(current).as("%s in %s", key, String.join(".", path)).isNotNull();
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... path) {
        Object found = at(node, path);
        assertThat(found).isInstanceOf(Map.class);
        return (Map<String, Object>) found;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node, String... path) {
        Object found = at(node, path);
        assertThat(found).isInstanceOf(List.class);
        return (List<Object>) found;
    }

    /** The documents of one {@code helm template} run. */
    private record Manifests(List<Map<String, Object>> documents) {

        @SuppressWarnings("unchecked")
        static Manifests parse(String rendered) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(rendered)) {
                if (document != null) {
                    assertThat(document).isInstanceOf(Map.class);
                    documents.add((Map<String, Object>) document);
                }
            }
            return new Manifests(documents);
        }

        List<String> kinds() {
            return documents.stream().map(document -> (String) document.get("kind")).toList();
        }

        Map<String, Object> only(String kind) {
            List<Map<String, Object>> found =
                    documents.stream()
                            .filter(document -> kind.equals(document.get("kind")))
                            .toList();
            assertThat(found).as("objects of kind %s", kind).hasSize(1);
            return found.get(0);
        }

        Map<String, Object> pod() {
            return map(only("Deployment"), "spec", "template", "spec");
        }

        Map<String, Object> container() {
            List<Object> containers = list(pod(), "containers");
            assertThat(containers).hasSize(1);
            return map(containers.get(0));
        }

        Map<String, Object> volume(String name) {
            return named(list(pod(), "volumes"), name);
        }

        Map<String, Object> mount(String name) {
            return named(list(container(), "volumeMounts"), name);
        }

        String mountPath(String name) {
            return (String) mount(name).get("mountPath");
        }

        String runsMountPath() {
            return mountPath("runs");
        }

        String configChecksum() {
            Map<String, Object> annotations =
                    map(only("Deployment"), "spec", "template", "metadata", "annotations");
            return (String) annotations.get("checksum/config");
        }

        Map<String, Object> applicationYaml() {
            Object text = at(only("ConfigMap"), "data", "application.yml");
            assertThat(text).isInstanceOf(String.class);
            Object parsed = new Yaml().load((String) text);
            return map(parsed);
        }

        private static Map<String, Object> named(List<Object> items, String name) {
            List<Map<String, Object>> found =
                    items.stream()
                            .map(item -> map(item))
                            .filter(item -> name.equals(item.get("name")))
                            .toList();
            assertThat(found).as("entries named %s", name).hasSize(1);
            return found.get(0);
        }
    }
}
