package dev.ganservice;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.config.Software;
import dev.ganservice.data.DataDownloader;
import dev.ganservice.data.FashionMnist;
import dev.ganservice.data.TrainingImagesCache;
import dev.ganservice.quality.QualityScorer;
import dev.ganservice.sampling.CheckpointFinder;
import dev.ganservice.sampling.GeneratorCache;
import dev.ganservice.sampling.Interpolator;
import dev.ganservice.sampling.Sampler;
import dev.ganservice.sampling.SamplingLimiter;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.web.ProblemReportValve;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/** Wires the plain classes of the lower layers into the application. */
@Configuration(proxyBeanMethods = false)
class ServiceConfiguration {

    /** Generators kept in memory for sampling; each costs about 6 MB. */
    private static final int CACHED_GENERATORS = 4;

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    RunsDirectory runsDirectory(GanProperties properties) {
        return new RunsDirectory(properties.runsDir());
    }

    @Bean
    FashionMnist fashionMnist(GanProperties properties) {
        return new FashionMnist(properties.data().dirs());
    }

    /** Downloads into the first data folder, the working folder's data/fashion-mnist by default. */
    @Bean
    DataDownloader dataDownloader(GanProperties properties) {
        GanProperties.Download download = properties.data().download();
        return new DataDownloader(
                download.mirror(), download.md5(), properties.data().dirs().get(0));
    }

    @Bean
    TrainingImagesCache trainingImagesCache() {
        return new TrainingImagesCache();
    }

    /** The quality classifier is cached beside the run folders unless told otherwise. */
    @Bean
    QualityScorer qualityScorer(
            GanProperties properties,
            JsonMapper json,
            TrainingImagesCache images,
            Clock clock,
            Software software) {
        GanProperties.Quality quality = properties.quality();
        Path cacheDir =
                quality.cacheDir() != null
                        ? quality.cacheDir()
                        : properties.runsDir().resolve(QualityScorer.DEFAULT_CACHE_FOLDER);
        return new QualityScorer(quality, cacheDir, json, images, clock, software);
    }

    @Bean
    CheckpointFiles checkpointFiles(JsonMapper json) {
        return new CheckpointFiles(json);
    }

    @Bean
    Sampler sampler(
            RunsDirectory runs,
            CheckpointFiles checkpoints,
            Nd4jRuntime nd4j,
            SamplingLimiter limiter,
            MeterRegistry registry) {
        return new Sampler(
                new CheckpointFinder(runs),
                new GeneratorCache(checkpoints, CACHED_GENERATORS),
                nd4j,
                limiter,
                registry);
    }

    @Bean
    Interpolator interpolator(Sampler sampler, SamplingLimiter limiter) {
        return new Interpolator(sampler, limiter);
    }

    @Bean
    SamplingLimiter samplingLimiter(GanProperties properties, MeterRegistry registry) {
        GanProperties.Samples samples = properties.samples();
        return new SamplingLimiter(samples.maxConcurrent(), samples.maxWait(), registry);
    }

    /** A field given twice is an error rather than "the last one wins". */
    @Bean
    JsonFactoryBuilderCustomizer noDuplicateFields() {
        return factory -> factory.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** Errors Tomcat answers itself come back as problem details too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory ->
                factory.addContextCustomizers(
                        context ->
                                ((StandardHost) context.getParent())
                                        .setErrorReportValveClass(
                                                ProblemReportValve.class.getName()));
    }

    /**
     * Tomcat asks for a body ("100 Continue") only when the application starts reading it, so a
     * client that waits for that hears a refusal, such as 413 for a body over the size cap, without
     * sending the body at all.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
        return factory ->
                factory.addConnectorCustomizers(
                        connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    /**
     * Requests are read strictly: an unknown field, a fraction where a whole number belongs, or a
     * number in quotes is an error the client hears about, not something silently bent into shape.
     */
    @Bean
    JsonMapperBuilderCustomizer strictRequests() {
        return builder ->
                builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }
}
