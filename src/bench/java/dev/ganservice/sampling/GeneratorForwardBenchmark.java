package dev.ganservice.sampling;

import dev.ganservice.bench.BenchSupport;
import dev.ganservice.model.GanNetworks;
import dev.ganservice.model.Noise;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generation half of a {@code GET /samples} request: fresh noise, then the generator's forward
 * pass in inference mode through {@link LoadedGenerator}, what the {@code gan.samples.generation}
 * timer measures. A freshly initialised generator costs the same as a trained one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GeneratorForwardBenchmark {

    @Param("64")
    public int count;

    private LoadedGenerator generator;
    private long seed;

    @Setup
    public void setUp() {
        BenchSupport.startNd4j();
        generator =
                new LoadedGenerator(
                        new CheckpointRef("bench", 1, Path.of("bench.zip")),
                        BenchSupport.SPEC,
                        GanNetworks.generator(BenchSupport.SPEC));
    }

    @Benchmark
    public float[] generate() {
        Noise noise = new Noise(seed++, BenchSupport.SPEC.latentSize());
        return generator.generate(noise.next(count));
    }
}
