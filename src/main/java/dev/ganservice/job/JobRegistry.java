package dev.ganservice.job;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The jobs this process knows, by id. */
final class JobRegistry {

    private final ConcurrentMap<String, TrainingJob> jobs = new ConcurrentHashMap<>();

    void add(TrainingJob job) {
        jobs.put(job.id(), job);
    }

    Optional<TrainingJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Newest first, by the time each job was accepted. */
    List<TrainingJob> newestFirst() {
        return jobs.values().stream()
                .sorted(Comparator.comparing(TrainingJob::createdAt).reversed())
                .toList();
    }

    List<TrainingJob> oldestFirst() {
        return jobs.values().stream().sorted(Comparator.comparing(TrainingJob::createdAt)).toList();
    }

    long count(JobStatus status) {
        return jobs.values().stream().filter(job -> job.status() == status).count();
    }

    long countActive() {
        return jobs.values().stream().filter(job -> job.status().isActive()).count();
    }

    List<TrainingJob> active() {
        return jobs.values().stream().filter(job -> job.status().isActive()).toList();
    }
}
