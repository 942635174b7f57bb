package dev.ganservice.live;

import dev.ganservice.job.EpochSummary;
import dev.ganservice.job.JobSnapshot;
import dev.ganservice.job.JobStatus;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream of one job's events. Whoever publishes an event only queues it here and
 * returns; a sender thread writes the queue to the client, so a slow client delays nobody but
 * itself. While it lags, a newer progress event replaces the older one still queued, so the queue
 * holds little more than the epochs and status changes the client has yet to read.
 *
 * <p>The stream starts with the job's status and ends after the first status in which nothing runs
 * the job, or when asked to end. Events published between the moment the stream was registered and
 * the status it started with are dropped when that status already shows them.
 */
final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    /** Events queued for a client that does not read before its stream is ended. */
    static final int MAX_QUEUED = 2048;

    private final String job;
    private final EventSink sink;
    private final Executor sender;
    private final Consumer<EventStream> onClosed;

    // Guarded by this.
    private final Deque<StreamEvent> queue = new ArrayDeque<>();
    private final List<StreamEvent> beforeStart = new ArrayList<>();
    private boolean started;
    private boolean endRequested;
    private boolean ending;
    private boolean closed;
    private boolean sending;
    private JobStatus status;
    private int epoch;
    private int batch;
    private Set<EpochSummary> known = Set.of();

    /** {@code onClosed} is told once, when the stream has ended for whatever reason. */
    EventStream(String job, EventSink sink, Executor sender, Consumer<EventStream> onClosed) {
        this.job = job;
        this.sink = sink;
        this.sender = sender;
        this.onClosed = onClosed;
    }

    String job() {
        return job;
    }

    /** Sends {@code now} first, then the events that arrived since the stream was registered. */
    void start(JobSnapshot now) {
        boolean send;
        synchronized (this) {
            if (closed || started) {
                return;
            }
            started = true;
            queueUnlessStale(StreamEvent.status(now));
            known = Set.copyOf(now.history());
            beforeStart.forEach(this::queueUnlessStale);
            beforeStart.clear();
            ending |= endRequested;
            send = claimSender();
        }
        if (send) {
            submit();
        }
    }

    /** Queues {@code event}; never blocks. */
    void offer(StreamEvent event) {
        boolean send;
        synchronized (this) {
            if (closed || ending) {
                return;
            }
            if (!started) {
                beforeStart.add(event);
                return;
            }
            queueUnlessStale(event);
            send = claimSender();
        }
        if (send) {
            submit();
        }
    }

    /**
     * Ends the stream with {@code last}, the job's status, whatever that status is: after the
     * events already queued, and without repeating a final status the client already has.
     */
    void end(JobSnapshot last) {
        boolean send;
        synchronized (this) {
            if (closed || ending) {
                return;
            }
            if (!started) {
                beforeStart.add(StreamEvent.status(last));
                endRequested = true;
                return;
            }
            if (last.status() != status || last.status().isActive()) {
                queue.addLast(StreamEvent.status(last));
                status = last.status();
            }
            ending = true;
            send = claimSender();
        }
        if (send) {
            submit();
        }
    }

    /** The client or the server closed the stream: nothing more is sent. */
    void abandon() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        onClosed.accept(this);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void queueUnlessStale(StreamEvent event) {
        if (ending) {
            return;
        }
        switch (event.type()) {
            case STATUS -> {
                JobSnapshot snapshot = (JobSnapshot) event.data();
                if (snapshot.status() == status) {
                    return;
                }
                status = snapshot.status();
                epoch = status == JobStatus.RUNNING ? snapshot.epoch() : 0;
                batch = status == JobStatus.RUNNING ? snapshot.batch() : 0;
                ending |= status.isStopped();
            }
            case PROGRESS -> {
                ProgressUpdate update = (ProgressUpdate) event.data();
                if (!update.isAfter(epoch, batch)) {
                    return;
                }
                epoch = update.epoch();
                batch = update.batch();
                if (!queue.isEmpty() && queue.peekLast().type() == StreamEvent.Type.PROGRESS) {
                    queue.pollLast();
                }
            }
            case EPOCH -> {
                if (known.contains((EpochSummary) event.data())) {
                    return;
                }
            }
            case HEARTBEAT -> {
                if (!queue.isEmpty()) {
                    return;
                }
            }
        }
        queue.addLast(event);
        if (queue.size() > MAX_QUEUED) {
            // The client reads nothing: its stream ends once the write it is stuck in gives up.
            log.debug("Event stream of job {} dropped: its client stopped reading", job);
            queue.clear();
            ending = true;
        }
    }

    /** Whether the caller should start a sender; at most one runs per stream. */
    private boolean claimSender() {
        if (sending || closed || (queue.isEmpty() && !ending)) {
            return false;
        }
        sending = true;
        return true;
    }

    private void submit() {
        try {
            sender.execute(this::drain);
        } catch (RejectedExecutionException e) {
            log.debug("Event stream of job {} closed: no sender thread", job);
            abandon();
        }
    }

    /** Writes queued events until none is left; completes the stream if it is ending. */
    private void drain() {
        while (true) {
            StreamEvent next;
            synchronized (this) {
                if (closed) {
                    sending = false;
                    return;
                }
                next = queue.pollFirst();
                if (next == null) {
                    sending = false;
                    if (!ending) {
                        return;
                    }
                    closed = true;
                }
            }
            if (next == null) {
                complete();
                return;
            }
            try {
                sink.send(next);
            } catch (IOException | RuntimeException e) {
                log.debug("Event stream of job {} closed by its client: {}", job, e.toString());
                abandon();
                return;
            }
        }
    }

    private void complete() {
        try {
            sink.complete();
        } catch (RuntimeException e) {
            log.debug("Event stream of job {} could not be completed: {}", job, e.toString());
        } finally {
            onClosed.accept(this);
        }
    }
}
