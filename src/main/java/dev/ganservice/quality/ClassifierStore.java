package dev.ganservice.quality;

import dev.ganservice.storage.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cache folder of the quality classifier: {@code classifier.zip} (a DL4J model file), {@code
 * test-features.bin} (mean and covariance of the test split's features) and {@code classifier.json}
 * (what they were made from, their sizes, the accuracy and the floor). Each is written atomically,
 * the description last, so a process that dies while saving leaves either the previous cache or one
 * whose sizes do not match its description, which is then trained again.
 */
final class ClassifierStore {

    static final String DESCRIPTION = "classifier.json";
    static final String MODEL = "classifier.zip";
    static final String REFERENCE = "test-features.bin";

    private final Path folder;
    private final JsonMapper json;

    ClassifierStore(Path folder, JsonMapper json) {
        this.folder = folder.toAbsolutePath().normalize();
        this.json = json;
    }

    Path folder() {
        return folder;
    }

    /**
     * The cached classifier, if it was trained as {@code wanted} says.
     *
     * @throws java.nio.file.NoSuchFileException when nothing is cached
     * @throws StaleClassifierException when the cache was trained from other data or settings
     * @throws IOException when the cache is damaged
     */
    QualityModel load(ClassifierKey wanted, int samples)
            throws IOException, StaleClassifierException {
        ClassifierDescription description = readDescription();
        if (description.format() != ClassifierDescription.FORMAT
                || description.features() != FeatureClassifier.FEATURES) {
            throw new StaleClassifierException(
                    "an older layout (format "
                            + description.format()
                            + ", "
                            + description.features()
                            + " features)");
        }
        if (!wanted.equals(description.key())) {
            throw new StaleClassifierException(wanted.differenceFrom(description.key()));
        }
        Path model = folder.resolve(MODEL);
        Path reference = folder.resolve(REFERENCE);
        byte[] modelFile = readChecked(model, description.modelBytes(), description.modelSha256());
        byte[] referenceFile =
                readChecked(reference, description.referenceBytes(), description.referenceSha256());

        FeatureClassifier classifier;
        try (InputStream in = new ByteArrayInputStream(modelFile)) {
            classifier = FeatureClassifier.restore(in);
        } catch (RuntimeException e) {
            throw new IOException(model + " is not a readable DL4J model: " + e, e);
        }
        FeatureStatistics statistics;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(referenceFile))) {
            statistics = FeatureStatistics.readFrom(in, FeatureClassifier.FEATURES);
        }
        return new QualityModel(classifier, statistics, description, samples);
    }

    /** Writes the classifier, the test split's statistics and, last, the description. */
    ClassifierDescription save(QualityModel model) throws IOException {
        Files.createDirectories(folder);
        ByteArrayOutputStream network = new ByteArrayOutputStream(1 << 20);
        model.classifier().save(network);
        ByteArrayOutputStream statistics = new ByteArrayOutputStream(1 << 18);
        try (DataOutputStream out = new DataOutputStream(statistics)) {
            model.reference().writeTo(out);
        }
        byte[] modelFile = network.toByteArray();
        byte[] referenceFile = statistics.toByteArray();
        AtomicFiles.write(folder.resolve(MODEL), modelFile);
        AtomicFiles.write(folder.resolve(REFERENCE), referenceFile);
        ClassifierDescription description = model.description().withFiles(modelFile, referenceFile);
        saveDescription(description);
        return description;
    }

    /** Rewrites the description alone, as when the floor is measured again. */
    void saveDescription(ClassifierDescription description) throws IOException {
        Files.createDirectories(folder);
        AtomicFiles.write(
                folder.resolve(DESCRIPTION),
                json.writerWithDefaultPrettyPrinter().writeValueAsBytes(description));
    }

    /** Deletes temporary files a process that died while saving left; returns their names. */
    List<String> deleteLeftovers() throws IOException {
        List<String> deleted = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return deleted;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(AtomicFiles.TEMPORARY_SUFFIX)) {
                    Files.deleteIfExists(file);
                    deleted.add(name);
                }
            }
        }
        return deleted;
    }

    private ClassifierDescription readDescription() throws IOException {
        byte[] content = Files.readAllBytes(folder.resolve(DESCRIPTION));
        try {
            ClassifierDescription description =
                    json.readValue(content, ClassifierDescription.class);
            if (description == null || description.key() == null) {
                throw new IOException(DESCRIPTION + " describes no classifier");
            }
            return description;
        } catch (JacksonException e) {
            throw new IOException(DESCRIPTION + " is not valid: " + e.getOriginalMessage(), e);
        }
    }

    /** The file, when it has the size (checked before reading) and hash it was saved with. */
    private static byte[] readChecked(Path file, long bytes, String sha256) throws IOException {
        long size = Files.size(file);
        if (size != bytes) {
            throw new IOException(
                    file.getFileName() + " holds " + size + " bytes, not the " + bytes + " saved");
        }
        byte[] content = Files.readAllBytes(file);
        if (sha256 != null && !sha256.equals(ClassifierDescription.sha256(content))) {
            throw new IOException(
                    file.getFileName() + " has changed since it was saved (its SHA-256 differs)");
        }
        return content;
    }
}
