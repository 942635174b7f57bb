package dev.ganservice.training;

import dev.ganservice.bench.BenchSupport;
import dev.ganservice.data.TrainingImages;
import dev.ganservice.model.Gan;
import dev.ganservice.model.Noise;
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

/**
 * One training batch as {@link GanTrainer} runs it: gather the next shuffled real images, draw the
 * noise, and take the discriminator and generator steps of {@link AdversarialStep}.
 *
 * <p>It lives in the trainer's package to reach {@link AdversarialStep} without widening it. The
 * networks keep learning from one invocation to the next, as in a real epoch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class TrainingStepBenchmark {

    @Param("128")
    public int batchSize;

    private TrainingImages images;
    private int[] order;
    private AdversarialStep step;
    private Noise noise;
    private int next;

    @Setup
    public void setUp() {
        BenchSupport.startNd4j();
        images = BenchSupport.trainingImages();
        order = GanTrainer.shuffledOrder(images.count(), 1);
        step = new AdversarialStep(Gan.create(BenchSupport.SPEC));
        noise = new Noise(2, BenchSupport.SPEC.latentSize());
    }

    @Benchmark
    public AdversarialStep.StepResult trainingStep() {
        if (next + batchSize > order.length) {
            next = 0;
        }
        INDArray real = images.gather(order, next, next + batchSize);
        next += batchSize;
        return step.run(real, noise.next(batchSize));
    }
}
