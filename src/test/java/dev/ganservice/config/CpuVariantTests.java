package dev.ganservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuVariantTests {

    private static final Set<String> OLD = Set.of("sse4_2", "avx");
    private static final Set<String> HASWELL = Set.of("sse4_2", "avx", "avx2", "fma", "f16c");
    private static final Set<String> SKYLAKE_X =
            Set.of(
                    "sse4_2",
                    "avx",
                    "avx2",
                    "fma",
                    "f16c",
                    "avx512f",
                    "avx512cd",
                    "avx512vl",
                    "avx512bw",
                    "avx512dq");
    private static final Predicate<CpuVariant> ALL = v -> true;

    @Test
    void autoPicksTheFastestBuildTheProcessorRuns() {
        assertThat(CpuVariant.choose("auto", SKYLAKE_X, ALL)).isEqualTo(CpuVariant.ONEDNN_AVX512);
        assertThat(CpuVariant.choose("auto", HASWELL, ALL)).isEqualTo(CpuVariant.ONEDNN_AVX2);
        assertThat(CpuVariant.choose("auto", OLD, ALL)).isEqualTo(CpuVariant.GENERIC);
        assertThat(CpuVariant.choose("auto", Set.of(), ALL)).isEqualTo(CpuVariant.GENERIC);
    }

    @Test
    void autoOnlyPicksBundledBuilds() {
        Predicate<CpuVariant> noAvx512 = v -> v != CpuVariant.ONEDNN_AVX512;

        assertThat(CpuVariant.choose("auto", SKYLAKE_X, noAvx512))
                .isEqualTo(CpuVariant.ONEDNN_AVX2);
        assertThat(CpuVariant.choose("auto", SKYLAKE_X, v -> v == CpuVariant.GENERIC))
                .isEqualTo(CpuVariant.GENERIC);
    }

    @Test
    void aNamedBuildIsRefusedWhenTheProcessorLacksItsInstructions() {
        assertThatThrownBy(() -> CpuVariant.choose("onednn-avx512", HASWELL, ALL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gan.nd4j.cpu-variant=onednn-avx512")
                .hasMessageContaining("avx512bw, avx512cd, avx512dq, avx512f, avx512vl");
        assertThat(CpuVariant.choose("generic", SKYLAKE_X, ALL)).isEqualTo(CpuVariant.GENERIC);
        assertThat(CpuVariant.choose("onednn-avx2", SKYLAKE_X, ALL))
                .isEqualTo(CpuVariant.ONEDNN_AVX2);
    }

    @Test
    void aNamedBuildIsRefusedWhenTheJarDoesNotCarryIt() {
        assertThatThrownBy(
                        () ->
                                CpuVariant.choose(
                                        "onednn-avx2", HASWELL, v -> v == CpuVariant.GENERIC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not carry it");
    }

    /** The test class path is the jar's: every build the chooser may pick must be there. */
    @Test
    void everyVariantIsOnTheClassPath() {
        ClassLoader classes = getClass().getClassLoader();
        for (CpuVariant variant : CpuVariant.values()) {
            assertThat(classes.getResource(variant.resource(Loader.getPlatform())))
                    .as(variant.setting())
                    .isNotNull();
        }
    }

    @Test
    void readsTheFirstProcessorsFlagsFromCpuInfo(@TempDir Path folder) throws IOException {
        Path cpuInfo = folder.resolve("cpuinfo");
        Files.writeString(
                cpuInfo,
                "processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: fpu sse4_2 avx2 fma\n\n"
                        + "processor\t: 1\nflags\t\t: fpu\n");

        assertThat(CpuFlags.read(cpuInfo))
                .containsExactlyInAnyOrder("fpu", "sse4_2", "avx2", "fma");
        assertThat(CpuFlags.read(folder.resolve("missing"))).isEmpty();
    }
}
