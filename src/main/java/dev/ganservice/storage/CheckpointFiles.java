package dev.ganservice.storage;

import dev.ganservice.model.Gan;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes checkpoints: one zip per epoch holding {@code generator.zip} and {@code
 * discriminator.zip}, each a standard DL4J model file with its Adam state, and {@code
 * checkpoint.json} describing them.
 *
 * <p>A DL4J user can unzip either network and load it with {@code
 * ModelSerializer.restoreMultiLayerNetwork(file, true)}. Checkpoints are written through {@link
 * AtomicFiles}, so a reader never meets a half-written one.
 */
public final class CheckpointFiles {

    public static final String GENERATOR = "generator.zip";
    public static final String DISCRIMINATOR = "discriminator.zip";
    public static final String INFO = "checkpoint.json";

    private final JsonMapper json;

    public CheckpointFiles(JsonMapper json) {
        this.json = json;
    }

    /** Writes both networks with their optimiser state. */
    public void write(Path target, Gan gan, CheckpointInfo info) throws IOException {
        byte[] generator = serialise(gan.generator());
        byte[] discriminator = serialise(gan.discriminator());
        byte[] description = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(info);
        AtomicFiles.write(
                target,
                out -> {
                    ZipOutputStream zip = new ZipOutputStream(out);
                    stored(zip, INFO, description);
                    stored(zip, GENERATOR, generator);
                    stored(zip, DISCRIMINATOR, discriminator);
                    zip.finish();
                });
    }

    /** The generator alone, without optimiser state, ready for sampling. */
    public SavedGenerator readGenerator(Path file) {
        CheckpointInfo info = readInfo(file);
        MultiLayerNetwork generator = readNetwork(file, GENERATOR, false);
        expectShape(file, GENERATOR, generator, info.model().latentSize(), pixels(info));
        return new SavedGenerator(info, generator);
    }

    /** Both networks with their optimiser state, ready to train on. */
    public Gan read(Path file) {
        CheckpointInfo info = readInfo(file);
        MultiLayerNetwork generator = readNetwork(file, GENERATOR, true);
        MultiLayerNetwork discriminator = readNetwork(file, DISCRIMINATOR, true);
        expectShape(file, GENERATOR, generator, info.model().latentSize(), pixels(info));
        expectShape(file, DISCRIMINATOR, discriminator, pixels(info), 1);
        return new Gan(info.model(), generator, discriminator);
    }

    /**
     * Reads every byte of a checkpoint back, checking each entry's CRC and the description, so a
     * checkpoint is trusted only once the disk has given it back whole.
     *
     * @throws UnreadableCheckpointException when it is damaged
     */
    public void verify(Path file) {
        Set<String> seen = new HashSet<>();
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream zip =
                new ZipInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                while (zip.read(buffer) >= 0) {
                    // Reading to the end makes ZipInputStream check the entry's CRC.
                }
                seen.add(entry.getName());
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        for (String name : List.of(INFO, GENERATOR, DISCRIMINATOR)) {
            if (!seen.contains(name)) {
                throw new UnreadableCheckpointException(file, "it has no " + name, null);
            }
        }
        readInfo(file);
    }

    public CheckpointInfo readInfo(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile());
                InputStream in = entry(zip, file, INFO)) {
            CheckpointInfo info = json.readValue(in, CheckpointInfo.class);
            if (info.model() == null || info.model().image() == null) {
                throw new UnreadableCheckpointException(file, INFO + " lacks the model", null);
            }
            return info;
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    private MultiLayerNetwork readNetwork(Path file, String name, boolean withUpdater) {
        try (ZipFile zip = new ZipFile(file.toFile());
                InputStream in = entry(zip, file, name)) {
            return ModelSerializer.restoreMultiLayerNetwork(in, withUpdater);
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * A checkpoint whose description does not match its networks would draw nonsense or ask for
     * absurd amounts of memory, so it counts as unreadable.
     */
    private static void expectShape(
            Path file, String name, MultiLayerNetwork network, long inputs, long outputs) {
        long actualInputs = network.layerInputSize(0);
        long actualOutputs = network.layerSize(network.getnLayers() - 1);
        if (actualInputs != inputs || actualOutputs != outputs) {
            throw new UnreadableCheckpointException(
                    file,
                    name
                            + " maps "
                            + actualInputs
                            + " inputs to "
                            + actualOutputs
                            + " outputs, but "
                            + INFO
                            + " describes "
                            + inputs
                            + " to "
                            + outputs,
                    null);
        }
    }

    private static long pixels(CheckpointInfo info) {
        return info.model().image().pixels();
    }

    private static InputStream entry(ZipFile zip, Path file, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new UnreadableCheckpointException(file, "it has no " + name, null);
        }
        return zip.getInputStream(entry);
    }

    private static UnreadableCheckpointException unreadable(Path file, Exception e) {
        if (e instanceof UnreadableCheckpointException known) {
            return known;
        }
        return new UnreadableCheckpointException(file, String.valueOf(e.getMessage()), e);
    }

    private static byte[] serialise(MultiLayerNetwork network) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        ModelSerializer.writeModel(network, bytes, true);
        return bytes.toByteArray();
    }

    /** Stores an entry uncompressed: the inner zips are compressed already. */
    private static void stored(ZipOutputStream zip, String name, byte[] content)
            throws IOException {
        CRC32 crc = new CRC32();
        crc.update(content);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
