package dev.ganservice.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The processor's feature flags as Linux lists them; none elsewhere, which means "generic". */
public final class CpuFlags {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private CpuFlags() {}

    public static Set<String> read() {
        return read(CPU_INFO);
    }

    /** The flags of the first processor listed in {@code cpuInfo}; empty if it cannot be read. */
    static Set<String> read(Path cpuInfo) {
        try (Stream<String> lines = Files.lines(cpuInfo)) {
            return lines.filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .map(flags -> Stream.of(flags.split("\\s+")).collect(Collectors.toSet()))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }
}
