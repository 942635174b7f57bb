package dev.ganservice.data;

import dev.ganservice.bench.BenchSupport;
import dev.ganservice.training.GanTrainer;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
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

/** Gathering one shuffled batch of training images into its own array, as each batch starts. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchGatherBenchmark {

    @Param("128")
    public int batchSize;

    private TrainingImages images;
    private int[] order;
    private int next;

    @Setup
    public void setUp() {
        BenchSupport.startNd4j();
        images = BenchSupport.trainingImages();
        order = GanTrainer.shuffledOrder(images.count(), 1);
    }

    @Benchmark
    public INDArray gather() {
        if (next + batchSize > order.length) {
            next = 0;
        }
        INDArray batch = images.gather(order, next, next + batchSize);
        next += batchSize;
        return batch;
    }
}
