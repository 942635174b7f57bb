package dev.ganservice.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Starts ND4J's native backend once, with the settings from {@code gan.nd4j}: where JavaCPP unpacks
 * the natives, OpenMP's wait policy and the thread count.
 *
 * <p>Loading takes from a fraction of a second to several seconds (the first start unpacks about
 * 400 MB), so it runs on a thread of its own while the web server starts. Until it has finished,
 * the readiness probe says so and work that needs ND4J waits for it; if it fails, readiness stays
 * down and the log says why.
 */
@Component
public class Nd4jRuntime {

    private static final Logger log = LoggerFactory.getLogger(Nd4jRuntime.class);

    private final CompletableFuture<BackendInfo> backend;

    @Autowired
    public Nd4jRuntime(GanProperties properties) {
        this(properties.nd4j(), null);
    }

    /**
     * Loads with {@code loader} instead of ND4J itself when it is not null, so that tests can hold
     * the runtime in any state.
     */
    public Nd4jRuntime(GanProperties.Nd4j settings, Supplier<BackendInfo> loader) {
        useCacheDir(settings.cacheDir());
        if (loader == null) {
            chooseCpuVariant(settings.cpuVariant());
        }
        String waitPolicy =
                NativeEnvironment.setIfAbsent("OMP_WAIT_POLICY", settings.ompWaitPolicy());
        Supplier<BackendInfo> load =
                loader != null ? loader : () -> load(settings.threads(), waitPolicy);
        this.backend = new CompletableFuture<>();
        Thread thread = new Thread(() -> complete(load), "nd4j-loader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the backend has loaded, is still loading, or failed to load. */
    public State state() {
        if (!backend.isDone()) {
            return State.LOADING;
        }
        return backend.isCompletedExceptionally() ? State.FAILED : State.READY;
    }

    /** The loaded backend; empty while loading or after a failure. */
    public Optional<BackendInfo> info() {
        return state() == State.READY ? Optional.of(backend.join()) : Optional.empty();
    }

    /** Why loading failed; empty unless it did. */
    public Optional<Throwable> failure() {
        if (state() != State.FAILED) {
            return Optional.empty();
        }
        try {
            backend.get();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Waits until the backend is ready.
     *
     * @throws Nd4jUnavailableException if it is still loading after {@code timeout} or failed
     */
    public BackendInfo awaitReady(Duration timeout) {
        try {
            return backend.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Nd4jUnavailableException(
                    "ND4J's native backend is still loading; try again in a few seconds.", null);
        } catch (ExecutionException e) {
            throw new Nd4jUnavailableException(
                    "ND4J's native backend failed to load: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Nd4jUnavailableException("interrupted while waiting for ND4J", e);
        }
    }

    private void complete(Supplier<BackendInfo> load) {
        long started = System.nanoTime();
        try {
            BackendInfo info = load.get();
            backend.complete(info);
            log.info(
                    "ND4J {} backend ready in {} ms: native build {}, BLAS {}, {} threads on {}"
                            + " cores, OMP_WAIT_POLICY={}, natives in {}",
                    info.backend(),
                    (System.nanoTime() - started) / 1_000_000,
                    info.nativeBuild(),
                    info.blasVendor(),
                    info.threads(),
                    info.cores(),
                    info.ompWaitPolicy(),
                    info.nativeCacheDir());
        } catch (RuntimeException | LinkageError e) {
            backend.completeExceptionally(e);
            log.error(
                    "ND4J's native backend could not be loaded, so nothing can train or sample."
                            + " JavaCPP unpacks about 400 MB of native libraries into its cache"
                            + " folder (gan.nd4j.cache-dir, else ~/.javacpp/cache): make sure it"
                            + " is writable and has room.",
                    e);
        }
    }

    /**
     * Points JavaCPP at the fastest of ND4J's CPU builds that the jar carries and the processor can
     * run, unless {@code -Dorg.bytedeco.javacpp.platform.extension} already chose one. It must run
     * before ND4J loads, and does nothing for a build without ND4J's CPU backend (CUDA).
     */
    public static void chooseCpuVariant(String setting) {
        String preset = System.getProperty(CpuVariant.EXTENSION_PROPERTY);
        if (preset != null) {
            log.info(
                    "ND4J's CPU build is chosen by -D{}={}", CpuVariant.EXTENSION_PROPERTY, preset);
            return;
        }
        String platform = Loader.getPlatform();
        ClassLoader classes = Nd4jRuntime.class.getClassLoader();
        Predicate<CpuVariant> bundled = v -> classes.getResource(v.resource(platform)) != null;
        // The extension would also apply to the CUDA backend's natives, which have other builds.
        boolean cuda = classes.getResource("org/nd4j/linalg/jcublas/JCublasBackend.class") != null;
        if (!bundled.test(CpuVariant.GENERIC) || cuda) {
            return;
        }

        Set<String> flags = CpuFlags.read();
        CpuVariant chosen;
        try {
            chosen = CpuVariant.choose(setting, flags, bundled);
        } catch (IllegalStateException e) {
            throw new StartupProblem(
                    e.getMessage(),
                    "Set gan.nd4j.cpu-variant to auto, which picks a build this processor runs"
                            + " from those the jar carries.",
                    e);
        }
        // Without the property JavaCPP tries every bundled build, whatever the processor runs; it
        // reads the property into properties it may already have cached, so both are set.
        System.setProperty(CpuVariant.EXTENSION_PROPERTY, chosen.extension());
        Loader.loadProperties().setProperty("platform.extension", chosen.extension());
        log.info(
                "ND4J CPU build {} ({}; processor has avx2: {}, avx512f: {})",
                chosen.setting(),
                "gan.nd4j.cpu-variant=" + setting,
                flags.contains("avx2"),
                flags.contains("avx512f"));
    }

    /** The folder of the JNI library JavaCPP actually loaded, e.g. linux-x86_64-onednn-avx512. */
    private static String loadedNativeBuild() {
        for (Map.Entry<String, String> library : Loader.getLoadedLibraries().entrySet()) {
            String path = String.valueOf(library.getValue());
            if (path.contains("jnind4j")) {
                Path folder = Path.of(path).getParent();
                return folder == null ? path : String.valueOf(folder.getFileName());
            }
        }
        return "unknown";
    }

    private static void useCacheDir(Path cacheDir) {
        if (cacheDir == null) {
            return;
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new StartupProblem(
                    "gan.nd4j.cache-dir " + cacheDir + " cannot be created: " + e,
                    "Point gan.nd4j.cache-dir at a writable folder with about 400 MB free.",
                    e);
        }
        System.setProperty("org.bytedeco.javacpp.cachedir", cacheDir.toAbsolutePath().toString());
    }

    private static BackendInfo load(int threads, String waitPolicy) {
        Nd4j.getBackend();
        if (threads > 0) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxThreads(threads);
        }
        return describe(waitPolicy);
    }

    @SuppressWarnings("unchecked")
    private static BackendInfo describe(String waitPolicy) {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String cacheDir;
        try {
            cacheDir = Loader.getCacheDir().getPath();
        } catch (IOException e) {
            cacheDir = "unknown (" + e.getMessage() + ")";
        }
        Object gpus = env.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
        List<Map<String, Object>> devices =
                gpus instanceof List<?> list
                        ? (List<Map<String, Object>>) list
                        : List.of(
                                Map.of(
                                        "type",
                                        "cpu",
                                        "cores",
                                        Runtime.getRuntime().availableProcessors()));
        return new BackendInfo(
                String.valueOf(env.getOrDefault(Nd4jEnvironment.BACKEND_KEY, "unknown")),
                loadedNativeBuild(),
                String.valueOf(env.getOrDefault(Nd4jEnvironment.BLAS_VENDOR_KEY, "unknown")),
                Nd4j.factory().blas().getMaxThreads(),
                Runtime.getRuntime().availableProcessors(),
                waitPolicy,
                cacheDir,
                devices);
    }

    /** How far the backend has got. */
    public enum State {
        LOADING,
        READY,
        FAILED
    }

    /** What the loaded backend is and how it runs. */
    public record BackendInfo(
            String backend,
            String nativeBuild,
            String blasVendor,
            int threads,
            int cores,
            String ompWaitPolicy,
            String nativeCacheDir,
            List<Map<String, Object>> devices) {}
}
