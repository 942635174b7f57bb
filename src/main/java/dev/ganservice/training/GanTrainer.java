package dev.ganservice.training;

import dev.ganservice.data.TrainingImages;
import dev.ganservice.model.Gan;
import dev.ganservice.model.Noise;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link Gan} on a set of images, epoch after epoch, and reports to a listener. It knows
 * nothing of files, HTTP or metrics.
 *
 * <p>Each epoch visits the images in an order drawn from the job's seed and the epoch number. A
 * last batch of a single image is dropped, because BatchNorm cannot train on one image.
 */
public final class GanTrainer {

    private static final Logger log = LoggerFactory.getLogger(GanTrainer.class);

    /** How a call to {@link #train} ended. */
    public enum Outcome {
        COMPLETED,
        CANCELLED
    }

    private final Gan gan;
    private final TrainingImages images;
    private final TrainingParameters parameters;
    private final TrainingListener listener;
    private final AdversarialStep step;

    public GanTrainer(
            Gan gan,
            TrainingImages images,
            TrainingParameters parameters,
            TrainingListener listener) {
        if (images.pixelsPerImage() != parameters.image().pixels()) {
            throw new IllegalArgumentException(
                    "images of "
                            + images.width()
                            + "x"
                            + images.height()
                            + " do not fit a model for "
                            + parameters.image());
        }
        this.gan = gan;
        this.images = images;
        this.parameters = parameters;
        this.listener = listener;
        this.step = new AdversarialStep(gan);
    }

    /** Batches in one epoch over {@code imageCount} images. */
    public static int batchesPerEpoch(int imageCount, int batchSize) {
        int full = imageCount / batchSize;
        return imageCount % batchSize > 1 ? full + 1 : full;
    }

    /**
     * Trains epochs {@code firstEpoch} to the last, checking {@code cancelled} before each batch. A
     * cancelled epoch is not reported.
     */
    public Outcome train(int firstEpoch, BooleanSupplier cancelled) {
        for (int epoch = firstEpoch; epoch <= parameters.epochs(); epoch++) {
            EpochResult result = trainEpoch(epoch, cancelled);
            if (result == null) {
                return Outcome.CANCELLED;
            }
            gan.generator().setEpochCount(epoch);
            gan.discriminator().setEpochCount(epoch);
            listener.onEpoch(result, gan);
        }
        return Outcome.COMPLETED;
    }

    private EpochResult trainEpoch(int epoch, BooleanSupplier cancelled) {
        int count = images.count();
        int batchSize = parameters.batchSize();
        int batches = batchesPerEpoch(count, batchSize);
        int[] order =
                shuffledOrder(
                        count, Seeds.derive(parameters.seed(), Seeds.Stream.DATA_ORDER, epoch));
        Noise noise =
                new Noise(
                        Seeds.derive(parameters.seed(), Seeds.Stream.TRAINING_NOISE, epoch),
                        parameters.latentSize());
        listener.onEpochStart(epoch, batches);

        Totals totals = new Totals();
        long started = System.nanoTime();
        for (int batch = 0; batch < batches; batch++) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            int from = batch * batchSize;
            int to = Math.min(count, from + batchSize);
            INDArray real = images.gather(order, from, to);
            AdversarialStep.StepResult result = step.run(real, noise.next(to - from));
            totals.add(result, to - from);

            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = totals.images / seconds;
            long imagesLeft = (long) (parameters.epochs() - epoch) * count + (count - to);
            listener.onBatch(new BatchProgress(epoch, batch + 1, batches, rate, imagesLeft / rate));
            if (log.isDebugEnabled()) {
                log.debug(
                        "epoch {} batch {}/{}: D loss {} G loss {} D(x) {} D(G(z)) {}",
                        epoch,
                        batch + 1,
                        batches,
                        result.discriminatorLoss(),
                        result.generatorLoss(),
                        result.realScore(),
                        result.fakeScore());
            }
        }
        return totals.result(epoch, (System.nanoTime() - started) / 1e9);
    }

    /** The order in which an epoch visits {@code count} images, drawn from {@code seed}. */
    public static int[] shuffledOrder(int count, long seed) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Running sums over an epoch's batches. */
    private static final class Totals {
        private double discriminatorLoss;
        private double generatorLoss;
        private double realScore;
        private double fakeScore;
        private int batches;
        private long images;

        void add(AdversarialStep.StepResult result, int batchImages) {
            discriminatorLoss += result.discriminatorLoss();
            generatorLoss += result.generatorLoss();
            realScore += result.realScore();
            fakeScore += result.fakeScore();
            batches++;
            images += batchImages;
        }

        EpochResult result(int epoch, double seconds) {
            return new EpochResult(
                    epoch,
                    discriminatorLoss / batches,
                    generatorLoss / batches,
                    realScore / batches,
                    fakeScore / batches,
                    images,
                    seconds);
        }
    }
}
