package dev.ganservice.sampling;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how many sample requests generate and encode images at the same time. A request of 1024
 * images at scale 8 holds tens of megabytes of heap while it runs, so without a bound a burst of
 * them could exhaust the heap. A request waits up to {@code maxWait} for a slot and is then refused
 * with {@link SamplingBusyException}.
 */
public final class SamplingLimiter {

    private static final Logger log = LoggerFactory.getLogger(SamplingLimiter.class);

    /**
     * At most one warning per this interval: a line per refusal would flood a busy service's log.
     */
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int maxConcurrent;
    private final Duration maxWait;
    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter rejected;
    private final AtomicLong lastWarning;

    public SamplingLimiter(int maxConcurrent, Duration maxWait, MeterRegistry registry) {
        if (maxConcurrent < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException(
                    "maxConcurrent must be at least 1 and maxWait not negative: "
                            + maxConcurrent
                            + ", "
                            + maxWait);
        }
        this.maxConcurrent = maxConcurrent;
        this.maxWait = maxWait;
        // Fair, so that a request waiting for a slot is not overtaken by ones arriving later.
        this.slots = new Semaphore(maxConcurrent, true);
        this.lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

        Gauge.builder("gan.samples.in.flight", inFlight, AtomicInteger::get)
                .description("Sample requests generating or encoding images now")
                .register(registry);
        Gauge.builder("gan.samples.waiting", slots, Semaphore::getQueueLength)
                .description("Sample requests waiting for a slot")
                .register(registry);
        Gauge.builder("gan.samples.max.concurrent", () -> maxConcurrent)
                .description("Sample requests that may run at once (gan.samples.max-concurrent)")
                .register(registry);
        this.rejected =
                Counter.builder("gan.samples.rejected")
                        .description("Sample requests refused because every slot stayed busy")
                        .register(registry);
    }

    /**
     * Runs {@code work} in a slot, waiting up to {@code maxWait} for one.
     *
     * @throws SamplingBusyException when no slot came free in time
     */
    public <T> T run(Supplier<T> work) {
        acquire();
        inFlight.incrementAndGet();
        try {
            return work.get();
        } finally {
            inFlight.decrementAndGet();
            slots.release();
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long rejected() {
        return (long) rejected.count();
    }

    private void acquire() {
        boolean acquired;
        try {
            // The timed form keeps to the queue even with a zero wait; tryAcquire() would barge.
            acquired = slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (acquired) {
            return;
        }

        rejected.increment();
        SamplingBusyException busy = new SamplingBusyException(maxConcurrent, maxWait);
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn(
                    "Refusing sample requests: {} ({} refused since start)",
                    busy.getMessage(),
                    rejected());
        }
        throw busy;
    }
}
