package dev.ganservice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The service's settings, bound from {@code gan.*} and checked at start-up.
 *
 * @param workers jobs that train at the same time; each uses all ND4J threads, so more than one
 *     only pays off on machines with many cores
 * @param queueCapacity jobs that may wait for a worker; further submissions get 429
 * @param runsDir where each job's run folder (checkpoints, grids, run.json) is written
 * @param data where to look for the training data
 * @param nd4j how the native ND4J backend is started
 * @param checkpoints how checkpoints are kept
 * @param jobs what happens to jobs a previous process left behind
 * @param metrics how long finished jobs keep their metrics
 * @param samples how many sample requests run at once
 * @param events how live progress streams are kept
 * @param quality how each epoch's generator is scored
 */
@Validated
@ConfigurationProperties("gan")
public record GanProperties(
        @DefaultValue("1") @Min(1) @Max(64) int workers,
        @DefaultValue("8") @Min(0) @Max(10_000) int queueCapacity,
        @DefaultValue("runs") @NotNull Path runsDir,
        @DefaultValue @Valid Data data,
        @DefaultValue @Valid Nd4j nd4j,
        @DefaultValue @Valid Checkpoints checkpoints,
        @DefaultValue @Valid Jobs jobs,
        @DefaultValue @Valid Metrics metrics,
        @DefaultValue @Valid Samples samples,
        @DefaultValue @Valid Events events,
        @DefaultValue @Valid Quality quality) {

    /**
     * @param dirs folders searched in order for Fashion-MNIST's IDX files (gzip or plain); the
     *     first that holds {@code train-images-idx3-ubyte[.gz]} is used. Unset or empty: a {@code
     *     data/fashion-mnist} folder in the working folder, then where Debian's {@code
     *     dataset-fashion-mnist} package installs the files
     * @param download what to do when no data folder holds the files
     */
    public record Data(List<Path> dirs, @DefaultValue @Valid Download download) {

        public static final List<Path> DEFAULT_DIRS =
                List.of(
                        Path.of("data/fashion-mnist"),
                        Path.of("/usr/share/datasets/fashion-mnist"));

        public Data {
            dirs = dirs == null || dirs.isEmpty() ? DEFAULT_DIRS : List.copyOf(dirs);
            download = download != null ? download : new Download(true, null, null);
        }
    }

    /**
     * @param enabled when the data is in none of the data folders, download it into the first one;
     *     when false, such a job is refused with advice on installing the data
     * @param mirror the folder URL the four IDX files are fetched from
     * @param md5 the expected MD5 checksum of each file, by file name; unset: the checksums Zalando
     *     publishes for Fashion-MNIST
     */
    public record Download(
            @DefaultValue("true") boolean enabled, URI mirror, Map<String, String> md5) {

        public static final URI DEFAULT_MIRROR =
                URI.create(
                        "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/"
                                + "master/data/fashion/");

        /** Fashion-MNIST's published checksums, the ones torchvision checks too. */
        public static final Map<String, String> FASHION_MNIST_MD5 =
                Map.of(
                        "train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                        "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
                        "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
                        "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310");

        public Download {
            mirror = mirror != null ? mirror : DEFAULT_MIRROR;
            md5 = md5 == null || md5.isEmpty() ? FASHION_MNIST_MD5 : Map.copyOf(md5);
        }
    }

    /**
     * @param finishedJobsKept per-job metrics (tagged with the job id) are removed once this many
     *     newer jobs have finished, so a long-lived service does not grow its series without bound
     */
    public record Metrics(@DefaultValue("10") @Min(0) @Max(1000) int finishedJobsKept) {}

    /**
     * @param maxConcurrent sample requests that generate and encode images at the same time; each
     *     can hold tens of megabytes of heap, so the bound keeps a burst of large requests from
     *     exhausting it
     * @param maxWait how long a request waits for one of those slots before it is answered 503 with
     *     {@code Retry-After}; requests for one checkpoint take turns on its network, so on two
     *     busy cores the last of 50 simultaneous small requests waits about three seconds
     */
    public record Samples(
            @DefaultValue("8") @Min(1) @Max(1024) int maxConcurrent,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 1)
                    Duration maxWait) {}

    /**
     * @param maxStreams {@code GET /train/{id}/events} streams open at the same time; one more is
     *     answered 503. Each holds a connection, and a thread while it writes to a slow client
     * @param heartbeat how often an idle stream sends a comment line, which keeps proxies from
     *     closing it and finds clients that have gone away, so their streams are closed
     */
    public record Events(
            @DefaultValue("64") @Min(1) @Max(10_000) int maxStreams,
            @DefaultValue("15s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5)
                    Duration heartbeat) {}

    /**
     * @param minFreeSpace a job fails, with its earlier checkpoints intact, rather than write a
     *     checkpoint that would leave less than this free on the runs folder's disk; each
     *     checkpoint of the default model takes about 32 MB
     * @param keepLast after each epoch, delete all but this many newest checkpoint zips of the job
     *     (the grids and run.json stay); unset keeps every checkpoint
     */
    public record Checkpoints(
            @DefaultValue("1GB") @NotNull DataSize minFreeSpace, @Min(1) Integer keepLast) {}

    /**
     * @param autoResume once the service is ready, resume the jobs that were queued or running when
     *     the previous process stopped (they are listed as INTERRUPTED), oldest first, as far as
     *     workers and queue allow; when false they wait for {@code POST /train/{id}/resume}
     */
    public record Jobs(@DefaultValue("false") boolean autoResume) {}

    /**
     * @param cacheDir where JavaCPP unpacks ND4J's native libraries; empty means {@code
     *     ~/.javacpp/cache}, or a folder under {@code java.io.tmpdir} when the home folder is not
     *     writable
     * @param threads threads ND4J and OpenBLAS use for one operation; 0 means one per core
     * @param ompWaitPolicy OpenMP's wait policy, applied unless {@code OMP_WAIT_POLICY} is already
     *     set; PASSIVE stops idle OpenMP threads spinning, which made training 2.5 times slower on
     *     two cores
     */
    public record Nd4j(
            Path cacheDir,
            @DefaultValue("0") @Min(0) @Max(1024) int threads,
            @DefaultValue("PASSIVE") @Pattern(regexp = "PASSIVE|ACTIVE") String ompWaitPolicy,
            @DefaultValue("auto")
                    @Pattern(
                            regexp = "auto|generic|onednn-avx2|onednn-avx512",
                            message = "must be auto, generic, onednn-avx2 or onednn-avx512")
                    String cpuVariant) {}

    /**
     * @param enabled after every epoch, score the generator against the data set's test split (the
     *     Fréchet distance in a small classifier's feature space, stored as {@code fid}); the first
     *     job trains the classifier, once, and waits for it
     * @param samples images generated and scored after each epoch; more gives a steadier score and
     *     costs proportionally more time (5000 take a few seconds on two cores)
     * @param cacheDir where the trained classifier and the test split's statistics are kept; unset:
     *     {@code .quality} in the runs folder (the data folder may be read-only)
     * @param classifierEpochs passes over the training images when the classifier is trained
     * @param classifierImages how many of the first training images the classifier learns from;
     *     unset: all of them. Fewer train it faster and less accurately
     */
    public record Quality(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5000") @Min(2) @Max(100_000) int samples,
            Path cacheDir,
            @DefaultValue("2") @Min(1) @Max(100) int classifierEpochs,
            @Min(100) @Max(10_000_000) Integer classifierImages) {}
}
