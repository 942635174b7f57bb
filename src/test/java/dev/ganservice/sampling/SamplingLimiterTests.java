package dev.ganservice.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SamplingLimiterTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void letEveryHolderFinish() {
        release.countDown();
    }

    @Test
    void refusesARequestAboveTheLimitOnceItHasWaitedNamingTheSettings() throws Exception {
        SamplingLimiter limiter = new SamplingLimiter(2, Duration.ofMillis(200), registry);
        CompletableFuture<String> first = holdASlot(limiter);
        CompletableFuture<String> second = holdASlot(limiter);
        awaitInFlight(limiter, 2);

        long started = System.nanoTime();
        assertThatThrownBy(() -> limiter.run(() -> "third"))
                .isInstanceOf(SamplingBusyException.class)
                .hasMessageContaining("All 2 sampling slots")
                .hasMessageContaining("gan.samples.max-concurrent")
                .hasMessageContaining("200 ms (gan.samples.max-wait)");
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(190_000_000L);
        assertThat(limiter.rejected()).isEqualTo(1);
        assertThat(registry.get("gan.samples.rejected").counter().count()).isEqualTo(1);
        assertThat(registry.get("gan.samples.in.flight").gauge().value()).isEqualTo(2);

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(limiter.inFlight()).isZero();
        assertThat(registry.get("gan.samples.in.flight").gauge().value()).isZero();
        assertThat(registry.get("gan.samples.max.concurrent").gauge().value()).isEqualTo(2);
        assertThat(limiter.run(() -> "after")).isEqualTo("after");
    }

    @Test
    void aRequestThatWaitsGetsTheSlotFreedWithinItsWait() throws Exception {
        SamplingLimiter limiter = new SamplingLimiter(1, Duration.ofSeconds(30), registry);
        CompletableFuture<String> holder = holdASlot(limiter);
        awaitInFlight(limiter, 1);

        CompletableFuture<String> waiter =
                CompletableFuture.supplyAsync(
                        () -> limiter.run(() -> "waited"),
                        runnable -> new Thread(runnable).start());
        while (registry.get("gan.samples.waiting").gauge().value() < 1) {
            Thread.sleep(10);
        }
        assertThat(waiter).isNotDone();
        release.countDown();

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("waited");
        assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(limiter.rejected()).isZero();
        assertThat(registry.get("gan.samples.waiting").gauge().value()).isZero();
    }

    @Test
    void withNoWaitABusyLimiterRefusesAtOnce() throws Exception {
        SamplingLimiter limiter = new SamplingLimiter(1, Duration.ZERO, registry);
        CompletableFuture<String> holder = holdASlot(limiter);
        awaitInFlight(limiter, 1);

        long started = System.nanoTime();
        assertThatThrownBy(() -> limiter.run(() -> "refused"))
                .isInstanceOf(SamplingBusyException.class);
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
    }

    @Test
    void workThatFailsGivesItsSlotBack() {
        SamplingLimiter limiter = new SamplingLimiter(1, Duration.ZERO, registry);

        assertThatThrownBy(
                        () ->
                                limiter.run(
                                        () -> {
                                            throw new IllegalStateException("broken");
                                        }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void refusesSettingsThatCouldNeverAdmitARequest() {
        assertThatThrownBy(() -> new SamplingLimiter(0, Duration.ZERO, registry))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplingLimiter(1, Duration.ofSeconds(-1), registry))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Occupies a slot on another thread until {@link #release} opens. */
    private CompletableFuture<String> holdASlot(SamplingLimiter limiter) {
        return CompletableFuture.supplyAsync(
                () ->
                        limiter.run(
                                () -> {
                                    try {
                                        release.await();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    return "held";
                                }),
                runnable -> new Thread(runnable).start());
    }

    private static void awaitInFlight(SamplingLimiter limiter, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limiter.inFlight() < expected) {
            assertThat(System.nanoTime()).as("slots taken in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
