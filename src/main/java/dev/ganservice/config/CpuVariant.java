package dev.ganservice.config;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * ND4J's CPU builds this service can load. The generic build runs anywhere; the oneDNN builds are
 * compiled for newer instruction sets and hand matrix products and other operations to Intel's
 * oneDNN, which on the benchmark machine cut a training step's CPU time by about a quarter.
 *
 * <p>A build compiled for instructions the processor lacks would crash the process with an illegal
 * instruction, so a build is only chosen when every flag it was compiled for appears in the
 * processor's flags, and only when the jar carries it.
 */
public enum CpuVariant {
    GENERIC("generic", ""),
    ONEDNN_AVX2("onednn-avx2", "-onednn-avx2", "avx2", "fma", "f16c"),
    ONEDNN_AVX512(
            "onednn-avx512",
            "-onednn-avx512",
            "avx2",
            "fma",
            "f16c",
            "avx512f",
            "avx512cd",
            "avx512vl",
            "avx512bw",
            "avx512dq");

    /** JavaCPP's system property that picks a build by its suffix. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private final String setting;
    private final String extension;
    private final Set<String> requiredFlags;

    CpuVariant(String setting, String extension, String... requiredFlags) {
        this.setting = setting;
        this.extension = extension;
        this.requiredFlags = Set.of(requiredFlags);
    }

    /** The name used in {@code gan.nd4j.cpu-variant}. */
    public String setting() {
        return setting;
    }

    /** The suffix JavaCPP appends to the platform to find this build. */
    public String extension() {
        return extension;
    }

    /** Whether a processor with these flags runs every instruction this build may use. */
    public boolean runsOn(Set<String> cpuFlags) {
        return cpuFlags.containsAll(requiredFlags);
    }

    /** Where this build's JNI library lies on the class path, for {@code platform}. */
    public String resource(String platform) {
        return "org/nd4j/linalg/cpu/nativecpu/bindings/"
                + platform
                + extension
                + "/libjnind4jcpu.so";
    }

    /** The fastest build that both runs on {@code cpuFlags} and is {@code bundled}. */
    public static CpuVariant best(Set<String> cpuFlags, Predicate<CpuVariant> bundled) {
        CpuVariant[] fastestFirst = values().clone();
        Arrays.sort(fastestFirst, (a, b) -> b.ordinal() - a.ordinal());
        for (CpuVariant variant : fastestFirst) {
            if (variant == GENERIC || variant.runsOn(cpuFlags) && bundled.test(variant)) {
                return variant;
            }
        }
        return GENERIC;
    }

    /**
     * The build to load for {@code gan.nd4j.cpu-variant=setting}: the best one for {@code auto},
     * else the one named, provided it is bundled and runs on {@code cpuFlags}.
     *
     * @throws IllegalStateException naming what is missing, when the named build cannot be used
     */
    public static CpuVariant choose(
            String setting, Set<String> cpuFlags, Predicate<CpuVariant> bundled) {
        CpuVariant requested = fromSetting(setting);
        if (requested == null) {
            return best(cpuFlags, bundled);
        }
        if (!bundled.test(requested)) {
            throw new IllegalStateException(
                    "gan.nd4j.cpu-variant=" + setting + " but this build does not carry it");
        }
        if (!requested.runsOn(cpuFlags)) {
            Set<String> missing = new TreeSet<>(requested.requiredFlags);
            missing.removeAll(cpuFlags);
            throw new IllegalStateException(
                    "gan.nd4j.cpu-variant="
                            + setting
                            + " needs processor features this machine lacks: "
                            + String.join(", ", missing));
        }
        return requested;
    }

    /** The variant named {@code setting}, or null for {@code auto}. */
    public static CpuVariant fromSetting(String setting) {
        if ("auto".equals(setting)) {
            return null;
        }
        for (CpuVariant variant : values()) {
            if (variant.setting.equals(setting)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown CPU variant " + setting);
    }
}
