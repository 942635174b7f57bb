package dev.ganservice.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.data.TrainingImages;
import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.support.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GanTrainerTests {

    private static final TrainingImages IMAGES = TestImages.fashionMnist(300);

    @ParameterizedTest
    @CsvSource({"1000, 128, 8", "256, 128, 2", "129, 128, 1", "130, 128, 2", "2, 2, 1"})
    void countsBatchesDroppingALastBatchOfOneImage(int images, int batchSize, int expected) {
        assertThat(GanTrainer.batchesPerEpoch(images, batchSize)).isEqualTo(expected);
    }

    @Test
    void sameSeedGivesTheSameLossesEpochAfterEpoch() {
        List<EpochResult> first = train(parameters(2, 7)).epochs;
        List<EpochResult> second = train(parameters(2, 7)).epochs;

        assertThat(first).hasSize(2);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).discriminatorLoss())
                    .isEqualTo(first.get(i).discriminatorLoss());
            assertThat(second.get(i).generatorLoss()).isEqualTo(first.get(i).generatorLoss());
            assertThat(second.get(i).realScore()).isEqualTo(first.get(i).realScore());
            assertThat(second.get(i).fakeScore()).isEqualTo(first.get(i).fakeScore());
        }
    }

    @Test
    void anotherSeedGivesOtherLosses() {
        EpochResult one = train(parameters(1, 7)).epochs.get(0);
        EpochResult other = train(parameters(1, 8)).epochs.get(0);

        assertThat(other.generatorLoss()).isNotEqualTo(one.generatorLoss());
    }

    @Test
    void reportsEveryBatchAndEveryEpochWithProgress() {
        Recorder recorder = train(parameters(2, 3));

        int batches = GanTrainer.batchesPerEpoch(300, 64);
        assertThat(recorder.epochStarts).containsExactly(1, 2);
        assertThat(recorder.batches).hasSize(2 * batches);
        BatchProgress last = recorder.batches.get(recorder.batches.size() - 1);
        assertThat(last.epoch()).isEqualTo(2);
        assertThat(last.batch()).isEqualTo(batches);
        assertThat(last.secondsLeft()).isZero();
        assertThat(recorder.batches.get(0).imagesPerSecond()).isPositive();
        assertThat(recorder.batches.get(0).secondsLeft()).isPositive();
        assertThat(recorder.epochs).extracting(EpochResult::epoch).containsExactly(1, 2);
        assertThat(recorder.epochs)
                .allSatisfy(
                        result -> {
                            assertThat(result.images()).isEqualTo(300);
                            assertThat(result.seconds()).isPositive();
                            assertThat(result.realScore()).isBetween(0.0, 1.0);
                            assertThat(result.fakeScore()).isBetween(0.0, 1.0);
                        });
    }

    @Test
    void stopsBeforeTheNextBatchWhenCancelledAndReportsNoPartialEpoch() {
        Recorder recorder = new Recorder();
        TrainingParameters parameters = parameters(3, 5);
        GanTrainer trainer =
                new GanTrainer(Gan.create(parameters.modelSpec()), IMAGES, parameters, recorder);
        AtomicInteger checks = new AtomicInteger();

        GanTrainer.Outcome outcome = trainer.train(1, () -> checks.incrementAndGet() > 7);

        assertThat(outcome).isEqualTo(GanTrainer.Outcome.CANCELLED);
        assertThat(recorder.batches).hasSize(7);
        assertThat(recorder.epochs).hasSize(1);
    }

    @Test
    void refusesImagesThatDoNotFitTheModel() {
        TrainingParameters parameters =
                new TrainingParameters(1, 64, 100, 2e-4, 0.5, 1, new ImageShape(32, 32, 1));

        assertThatThrownBy(
                        () ->
                                new GanTrainer(
                                        Gan.create(parameters.modelSpec()),
                                        IMAGES,
                                        parameters,
                                        new Recorder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("28x28")
                .hasMessageContaining("32x32x1");
    }

    private static TrainingParameters parameters(int epochs, long seed) {
        return new TrainingParameters(epochs, 64, 100, 2e-4, 0.5, seed, ImageShape.FASHION_MNIST);
    }

    private static Recorder train(TrainingParameters parameters) {
        Recorder recorder = new Recorder();
        new GanTrainer(Gan.create(parameters.modelSpec()), IMAGES, parameters, recorder)
                .train(1, () -> false);
        return recorder;
    }

    private static final class Recorder implements TrainingListener {
        final List<Integer> epochStarts = new ArrayList<>();
        final List<BatchProgress> batches = new ArrayList<>();
        final List<EpochResult> epochs = new ArrayList<>();

        @Override
        public void onEpochStart(int epoch, int batchesPerEpoch) {
            epochStarts.add(epoch);
        }

        @Override
        public void onBatch(BatchProgress progress) {
            batches.add(progress);
        }

        @Override
        public void onEpoch(EpochResult result, Gan gan) {
            epochs.add(result);
        }
    }
}
