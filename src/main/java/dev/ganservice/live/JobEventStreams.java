package dev.ganservice.live;

import dev.ganservice.config.GanProperties;
import dev.ganservice.job.EpochEnded;
import dev.ganservice.job.JobEnded;
import dev.ganservice.job.JobProgressed;
import dev.ganservice.job.JobService;
import dev.ganservice.job.JobSnapshot;
import dev.ganservice.job.JobStarted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The open event streams of every job, fed from the job layer's events. A trainer that publishes an
 * event only queues it on each of the job's streams (see {@link EventStream}); sender threads, at
 * most one per stream, write to the clients. A stream ends after the status in which its job
 * stopped, when its client goes away (found at the latest by the next heartbeat), and when the
 * service shuts down.
 */
@Component
public class JobEventStreams {

    private static final Logger log = LoggerFactory.getLogger(JobEventStreams.class);

    private final JobService jobs;
    private final int maxStreams;
    private final ConcurrentMap<String, Set<EventStream>> byJob = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter refused;
    private final ThreadPoolExecutor senders;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean closing;
    private volatile boolean refusing;

    public JobEventStreams(JobService jobs, GanProperties properties, MeterRegistry registry) {
        this.jobs = jobs;
        GanProperties.Events settings = properties.events();
        this.maxStreams = settings.maxStreams();
        // A stream has one sender at most, so the pool needs no more threads than streams, and
        // its queue holds no more than one task per stream. Idle threads end after a minute.
        this.senders =
                new ThreadPoolExecutor(
                        maxStreams,
                        maxStreams,
                        60,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        daemons("event-sender-"));
        senders.allowCoreThreadTimeOut(true);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemons("event-heartbeat-"));
        long period = settings.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);

        Gauge.builder("gan.events.streams", open, AtomicInteger::get)
                .description("Event streams open now (GET /train/{id}/events)")
                .register(registry);
        this.refused =
                Counter.builder("gan.events.streams.refused")
                        .description(
                                "Event streams refused because gan.events.max-streams were open")
                        .register(registry);
    }

    /**
     * Opens a stream of job {@code id}'s events into {@code sink}. It starts with the job's status;
     * for a job that has stopped, that status is all it sends.
     *
     * @throws dev.ganservice.job.JobNotFoundException when no job has the id
     * @throws TooManyStreamsException when {@code gan.events.max-streams} streams are open
     */
    public void open(String id, EventSink sink) {
        // An unknown id is refused before it takes a slot.
        jobs.get(id);
        reserve();

        EventStream stream = new EventStream(id, sink, senders, this::release);
        sink.onClosed(stream::abandon);
        byJob.compute(
                id,
                (key, streams) -> {
                    Set<EventStream> all =
                            streams != null ? streams : ConcurrentHashMap.newKeySet();
                    all.add(stream);
                    return all;
                });
        // Taken after registering, so that no event falls between this status and the next.
        JobSnapshot now = jobs.get(id);
        stream.start(now);
        if (closing) {
            stream.end(now);
        }
        log.debug("Event stream of job {} opened; {} open", id, open.get());
    }

    /** Event streams open now. */
    public int openStreams() {
        return open.get();
    }

    @EventListener
    void onStarted(JobStarted started) {
        publish(started.job().id(), stream -> stream.offer(StreamEvent.status(started.job())));
    }

    @EventListener
    void onProgress(JobProgressed progressed) {
        StreamEvent event = StreamEvent.progress(progressed.job());
        publish(progressed.job().id(), stream -> stream.offer(event));
    }

    @EventListener
    void onEpoch(EpochEnded ended) {
        StreamEvent event = StreamEvent.epoch(ended.epoch());
        publish(ended.job(), stream -> stream.offer(event));
    }

    @EventListener
    void onEnded(JobEnded ended) {
        publish(ended.job().id(), stream -> stream.end(ended.job()));
    }

    /**
     * Ends every stream as the service begins to stop, before the web server waits for open
     * requests to finish; a stream open then would hold up the shutdown. Each ends with its job's
     * status as it stands.
     */
    @EventListener(ContextClosedEvent.class)
    void endAll() {
        closing = true;
        heartbeats.shutdownNow();
        for (Map.Entry<String, Set<EventStream>> entry : byJob.entrySet()) {
            Optional<JobSnapshot> job = jobs.find(entry.getKey());
            entry.getValue().forEach(stream -> job.ifPresentOrElse(stream::end, stream::abandon));
        }
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
        senders.shutdown();
    }

    /**
     * Sends a heartbeat on every stream, which finds clients that have gone away, and ends the
     * streams of jobs that stopped without announcing it (queued jobs stopped by a shutdown).
     */
    private void beat() {
        for (Map.Entry<String, Set<EventStream>> entry : byJob.entrySet()) {
            try {
                Optional<JobSnapshot> job = jobs.find(entry.getKey());
                boolean stopped = job.isEmpty() || job.get().status().isStopped();
                for (EventStream stream : entry.getValue()) {
                    if (stopped) {
                        job.ifPresentOrElse(stream::end, stream::abandon);
                    } else {
                        stream.offer(StreamEvent.heartbeat());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Heartbeat of the event streams of job {} failed", entry.getKey(), e);
            }
        }
    }

    /** Hands an event to every stream of a job; a failing stream is closed, never the caller. */
    private void publish(String id, Consumer<EventStream> delivery) {
        Set<EventStream> streams = byJob.get(id);
        if (streams == null) {
            return;
        }
        for (EventStream stream : streams) {
            try {
                delivery.accept(stream);
            } catch (RuntimeException e) {
                log.warn("Event stream of job {} failed; closing it", id, e);
                stream.abandon();
            }
        }
    }

    private void reserve() {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            refused.increment();
            if (!refusing) {
                refusing = true;
                log.warn(
                        "All {} event streams (gan.events.max-streams) are open; further"
                                + " GET /train/{id}/events requests get 503 until one closes",
                        maxStreams);
            }
            throw new TooManyStreamsException(maxStreams);
        }
    }

    private void release(EventStream stream) {
        byJob.computeIfPresent(
                stream.job(),
                (key, streams) -> {
                    streams.remove(stream);
                    return streams.isEmpty() ? null : streams;
                });
        open.decrementAndGet();
        refusing = false;
        log.debug("Event stream of job {} closed; {} open", stream.job(), open.get());
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
