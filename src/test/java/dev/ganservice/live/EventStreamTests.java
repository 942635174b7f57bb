package dev.ganservice.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.job.EpochSummary;
import dev.ganservice.job.JobParameters;
import dev.ganservice.job.JobSnapshot;
import dev.ganservice.job.JobStatus;
import dev.ganservice.support.Polling;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One client's stream: order, what it drops, how it ends, and that it never blocks a publisher. */
class EventStreamTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JobParameters PARAMETERS =
            new JobParameters(3, 16, 100, 2e-4, 0.5, 9, null, 28, 28, 1);

    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final AtomicInteger closed = new AtomicInteger();

    @AfterEach
    void stopSenders() throws InterruptedException {
        senders.shutdownNow();
        senders.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatDoesNotReadNeverHoldsUpThePublisherOrOtherClients() {
        RecordingSink slow = new RecordingSink(new CountDownLatch(1));
        RecordingSink fast = new RecordingSink(null);
        EventStream slowStream = started(slow, job(JobStatus.RUNNING, 1, 0));
        EventStream fastStream = started(fast, job(JobStatus.RUNNING, 1, 0));

        long began = System.nanoTime();
        for (int epoch = 1; epoch <= 3; epoch++) {
            for (int batch = 1; batch <= 1000; batch++) {
                StreamEvent progress = StreamEvent.progress(job(JobStatus.RUNNING, epoch, batch));
                slowStream.offer(progress);
                fastStream.offer(progress);
            }
            slowStream.offer(StreamEvent.epoch(summary(epoch)));
            fastStream.offer(StreamEvent.epoch(summary(epoch)));
        }
        long publishing = System.nanoTime() - began;
        Polling.until(
                () -> fast.names().stream().filter("epoch"::equals).count(),
                epochs -> epochs == 3,
                WAIT,
                "the fast client to read every epoch");

        assertThat(Duration.ofNanos(publishing)).isLessThan(Duration.ofSeconds(2));
        assertThat(fast.names()).last().isEqualTo("epoch");
        assertThat(slow.received()).hasSizeLessThanOrEqualTo(1);

        slow.gate.countDown();
        Polling.until(() -> slow.names().size(), size -> size == 7, WAIT, "the slow client");
        // While it lagged, each newer progress event replaced the one queued before it.
        assertThat(slow.names())
                .containsExactly(
                        "status", "progress", "epoch", "progress", "epoch", "progress", "epoch");
        assertThat(((ProgressUpdate) slow.received().get(5).data()).batch()).isEqualTo(1000);
    }

    @Test
    void startsWithTheJobsStatusAndDropsWhatThatStatusAlreadyShows() {
        RecordingSink sink = new RecordingSink(null);
        EventStream stream = new EventStream("job", sink, senders, this::closed);
        stream.offer(StreamEvent.epoch(summary(1)));
        stream.offer(StreamEvent.progress(job(JobStatus.RUNNING, 2, 4)));
        stream.offer(StreamEvent.status(job(JobStatus.RUNNING, 2, 4)));
        stream.offer(StreamEvent.progress(job(JobStatus.RUNNING, 2, 6)));

        stream.start(job(JobStatus.RUNNING, 2, 5, summary(1)));
        stream.offer(StreamEvent.epoch(summary(2)));
        Polling.until(() -> sink.names().size(), size -> size == 3, WAIT, "three events");

        assertThat(sink.names()).containsExactly("status", "progress", "epoch");
        assertThat(((ProgressUpdate) sink.received().get(1).data()).batch()).isEqualTo(6);
        assertThat(sink.completed).isZero();
    }

    @Test
    void endsOnceAfterTheStatusInWhichTheJobStopped() {
        RecordingSink sink = new RecordingSink(null);
        EventStream stream = started(sink, job(JobStatus.RUNNING, 1, 3));

        stream.offer(StreamEvent.epoch(summary(1)));
        stream.end(job(JobStatus.SUCCEEDED, 1, 16, summary(1)));
        stream.end(job(JobStatus.SUCCEEDED, 1, 16, summary(1)));
        stream.offer(StreamEvent.heartbeat());
        Polling.until(() -> closed.get(), count -> count == 1, WAIT, "the stream to close");

        assertThat(sink.names()).containsExactly("status", "epoch", "status");
        assertThat(((JobSnapshot) sink.received().get(2).data()).status())
                .isEqualTo(JobStatus.SUCCEEDED);
        assertThat(sink.completed).isEqualTo(1);
        assertThat(stream.isClosed()).isTrue();
    }

    @Test
    void aJobThatHasStoppedGetsItsStatusAlone() {
        RecordingSink sink = new RecordingSink(null);
        EventStream stream = new EventStream("job", sink, senders, this::closed);
        stream.offer(StreamEvent.progress(job(JobStatus.RUNNING, 1, 16)));

        stream.start(job(JobStatus.CANCELLED, 0, 0));
        Polling.until(() -> closed.get(), count -> count == 1, WAIT, "the stream to close");

        assertThat(sink.names()).containsExactly("status");
        assertThat(sink.completed).isEqualTo(1);
    }

    @Test
    void endingWhileTheJobRunsSendsItsStatusLast() {
        RecordingSink sink = new RecordingSink(null);
        EventStream stream = started(sink, job(JobStatus.RUNNING, 1, 3));

        stream.end(job(JobStatus.RUNNING, 1, 4));
        Polling.until(() -> closed.get(), count -> count == 1, WAIT, "the stream to close");

        assertThat(sink.names()).containsExactly("status", "status");
        assertThat(((JobSnapshot) sink.received().get(1).data()).batch()).isEqualTo(4);
    }

    @Test
    void aClientThatHasGoneIsClosedAndForgottenOnce() {
        RecordingSink sink = new RecordingSink(null);
        sink.failing = true;
        EventStream stream = started(sink, job(JobStatus.RUNNING, 1, 1));
        Polling.until(() -> closed.get(), count -> count == 1, WAIT, "the stream to close");

        stream.offer(StreamEvent.heartbeat());
        stream.abandon();
        stream.end(job(JobStatus.SUCCEEDED, 1, 16));

        assertThat(closed.get()).isEqualTo(1);
        assertThat(sink.attempts.get()).isEqualTo(1);
        assertThat(sink.completed).isZero();
    }

    @Test
    void aClientThatReadsNothingIsCutOffRatherThanQueuedForWithoutBound() {
        RecordingSink sink = new RecordingSink(new CountDownLatch(1));
        EventStream stream = started(sink, job(JobStatus.RUNNING, 1, 1));

        for (int epoch = 1; epoch <= EventStream.MAX_QUEUED + 10; epoch++) {
            stream.offer(StreamEvent.epoch(summary(epoch)));
        }
        sink.gate.countDown();
        Polling.until(() -> closed.get(), count -> count == 1, WAIT, "the stream to close");

        assertThat(sink.names()).containsExactly("status");
        assertThat(sink.completed).isEqualTo(1);
    }

    private EventStream started(RecordingSink sink, JobSnapshot job) {
        EventStream stream = new EventStream("job", sink, senders, this::closed);
        stream.start(job);
        return stream;
    }

    private void closed(EventStream stream) {
        closed.incrementAndGet();
    }

    private static JobSnapshot job(JobStatus status, int epoch, int batch, EpochSummary... done) {
        return new JobSnapshot(
                "job",
                status,
                PARAMETERS,
                "runs/job",
                256,
                epoch,
                PARAMETERS.epochs(),
                batch,
                16,
                status == JobStatus.RUNNING ? 100 : 0,
                status == JobStatus.RUNNING ? 10.0 : null,
                Instant.EPOCH,
                Instant.EPOCH,
                status.isStopped() ? Instant.EPOCH : null,
                false,
                null,
                null,
                null,
                0,
                List.of(done));
    }

    private static EpochSummary summary(int epoch) {
        return new EpochSummary(
                epoch,
                1.3,
                0.7,
                0.5,
                0.5,
                2.0,
                128,
                String.format("epoch-%03d.zip", epoch),
                String.format("epoch-%03d.png", epoch),
                42.0,
                1.5);
    }

    /** A client in memory that can be made to hang in its first write, or to have gone. */
    private static final class RecordingSink implements EventSink {

        private final CountDownLatch gate;
        private final List<StreamEvent> received = new ArrayList<>();
        private final AtomicInteger attempts = new AtomicInteger();
        private volatile boolean failing;
        private volatile int completed;

        RecordingSink(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void send(StreamEvent event) throws IOException {
            attempts.incrementAndGet();
            if (failing) {
                throw new IOException("Broken pipe");
            }
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            synchronized (this) {
                received.add(event);
            }
        }

        @Override
        public void complete() {
            completed++;
        }

        @Override
        public void onClosed(Runnable callback) {}

        synchronized List<StreamEvent> received() {
            return List.copyOf(received);
        }

        List<String> names() {
            return received().stream().map(event -> event.type().wireName()).toList();
        }
    }
}
