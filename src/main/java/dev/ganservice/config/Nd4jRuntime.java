package dev.ganservice.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts ND4J's native backend once, before anything trains or samples, with the settings from
 * {@code gan.nd4j}: where JavaCPP unpacks the natives, OpenMP's wait policy and the thread count.
 *
 * <p>Beans that touch ND4J depend on this one, so a backend that cannot load stops the service at
 * start-up with a clear message instead of failing the first request.
 */
@Component
public class Nd4jRuntime {

    private static final Logger log = LoggerFactory.getLogger(Nd4jRuntime.class);

    private final BackendInfo info;

    public Nd4jRuntime(GanProperties properties) {
        GanProperties.Nd4j settings = properties.nd4j();
        useCacheDir(settings.cacheDir());
        String waitPolicy =
                NativeEnvironment.setIfAbsent("OMP_WAIT_POLICY", settings.ompWaitPolicy());

        long started = System.nanoTime();
        load();
        if (settings.threads() > 0) {
            useThreads(settings.threads());
        }

        info = describe(waitPolicy);
        log.info(
                "ND4J {} backend ready in {} ms: BLAS {}, {} threads on {} cores,"
                        + " OMP_WAIT_POLICY={}, natives in {}",
                info.backend(),
                (System.nanoTime() - started) / 1_000_000,
                info.blasVendor(),
                info.threads(),
                info.cores(),
                waitPolicy,
                info.nativeCacheDir());
    }

    public BackendInfo info() {
        return info;
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

    private static void load() {
        try {
            Nd4j.getBackend();
        } catch (RuntimeException | LinkageError e) {
            throw new StartupProblem(
                    "ND4J's native backend could not be loaded: " + e,
                    "JavaCPP unpacks about 400 MB of native libraries into its cache folder"
                            + " (gan.nd4j.cache-dir, else ~/.javacpp/cache): make sure it is"
                            + " writable and has room. The cause below says more.",
                    e);
        }
    }

    private static void useThreads(int threads) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
    }

    private static BackendInfo describe(String waitPolicy) {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String cacheDir;
        try {
            cacheDir = Loader.getCacheDir().getPath();
        } catch (Exception e) {
            cacheDir = "unknown (" + e.getMessage() + ")";
        }
        return new BackendInfo(
                String.valueOf(env.getOrDefault(Nd4jEnvironment.BACKEND_KEY, "unknown")),
                String.valueOf(env.getOrDefault(Nd4jEnvironment.BLAS_VENDOR_KEY, "unknown")),
                Nd4j.factory().blas().getMaxThreads(),
                Runtime.getRuntime().availableProcessors(),
                waitPolicy,
                cacheDir);
    }

    /** What the loaded backend is and how it runs. */
    public record BackendInfo(
            String backend,
            String blasVendor,
            int threads,
            int cores,
            String ompWaitPolicy,
            String nativeCacheDir) {}
}
