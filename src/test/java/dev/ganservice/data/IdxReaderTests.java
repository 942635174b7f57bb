package dev.ganservice.data;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTests {

    private static final int IMAGES = 0x0000_0803;
    private static final int LABELS = 0x0000_0801;
    private static final Path T10K_IMAGES =
            Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");

    @TempDir Path dir;

    @Test
    void readsPlainImageFile() throws IOException {
        byte[] pixels = pattern(2 * 3 * 4);
        Path file = write("images-idx3-ubyte", images(2, 3, 4, pixels));

        IdxImages read = IdxReader.readImages(file);

        assertThat(read.count()).isEqualTo(2);
        assertThat(read.rows()).isEqualTo(3);
        assertThat(read.columns()).isEqualTo(4);
        assertThat(read.pixelsPerImage()).isEqualTo(12);
        assertThat(read.pixels()).containsExactly(pixels);
    }

    @Test
    void readsGzipImageFileLikeThePlainOne() throws IOException {
        byte[] pixels = clothes(30, 28, 28);
        Path file = write("images-idx3-ubyte.gz", gzip(images(30, 28, 28, pixels)));

        IdxImages read = IdxReader.readImages(file);

        assertThat(read.header()).isEqualTo(new IdxImages.Header(30, 28, 28));
        assertThat(read.pixels()).containsExactly(pixels);
    }

    @Test
    void recognisesGzipByContentNotByName() throws IOException {
        byte[] pixels = pattern(3 * 5 * 2);
        Path gzipWithoutSuffix = write("compressed.idx", gzip(images(3, 5, 2, pixels)));
        Path plainWithSuffix = write("plain.idx.gz", images(3, 5, 2, pixels));

        IdxImages fromGzip = IdxReader.readImages(gzipWithoutSuffix);
        IdxImages fromPlain = IdxReader.readImages(plainWithSuffix);

        assertThat(fromGzip.pixels()).containsExactly(pixels);
        assertThat(fromPlain.pixels()).containsExactly(pixels);
    }

    @ParameterizedTest(name = "gzip: {0}")
    @ValueSource(booleans = {false, true})
    void readsOnlyTheFirstImagesUpToTheLimit(boolean compressed) throws IOException {
        byte[] pixels = pattern(5 * 2 * 3);
        byte[] content = images(5, 2, 3, pixels);
        Path file = write("images", compressed ? gzip(content) : content);

        IdxImages read = IdxReader.readImages(file, 2);

        assertThat(read.header()).isEqualTo(new IdxImages.Header(2, 2, 3));
        assertThat(read.pixels()).containsExactly(Arrays.copyOf(pixels, 2 * 2 * 3));
    }

    @Test
    void limitAboveTheCountReadsEveryImage() throws IOException {
        byte[] pixels = pattern(5 * 2 * 3);
        Path file = write("images", images(5, 2, 3, pixels));

        IdxImages read = IdxReader.readImages(file, 1000);

        assertThat(read.count()).isEqualTo(5);
        assertThat(read.pixels()).containsExactly(pixels);
    }

    @Test
    void limitAboveTheCountStillRejectsTrailingData() throws IOException {
        Path file = write("images", concat(images(5, 2, 3, pattern(30)), new byte[] {7}));

        assertThatExceptionOfType(InvalidDataFileException.class)
                .isThrownBy(() -> IdxReader.readImages(file, 1000))
                .withMessageContaining("longer than its header says");
    }

    @ParameterizedTest(name = "gzip: {0}")
    @ValueSource(booleans = {false, true})
    void readsTheHeaderAlone(boolean compressed) throws IOException {
        // The body is cut short: reading the header must not depend on it.
        byte[] content = Arrays.copyOf(images(7, 9, 11, pattern(7 * 9 * 11)), 16 + 5);
        Path file = write("images", compressed ? gzip(content) : content);

        IdxImages.Header header = IdxReader.readImageHeader(file);

        assertThat(header).isEqualTo(new IdxImages.Header(7, 9, 11));
    }

    @Test
    void acceptsSidesAtTheLimits() throws IOException {
        Path tall = write("tall", images(1, 4096, 1, pattern(4096)));
        Path tiny = write("tiny", images(1, 1, 1, new byte[] {(byte) 200}));

        IdxImages.Header tallHeader = IdxReader.readImages(tall).header();
        IdxImages tinyImages = IdxReader.readImages(tiny);

        assertThat(tallHeader).isEqualTo(new IdxImages.Header(1, 4096, 1));
        assertThat(tinyImages.pixels()).containsExactly((byte) 200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badImageFiles")
    void rejectsBadImageFileNamingFileAndProblem(byte[] content, String problem)
            throws IOException {
        Path file = write("bad-images-idx3-ubyte", content);

        assertThatExceptionOfType(InvalidDataFileException.class)
                .isThrownBy(() -> IdxReader.readImages(file))
                .withMessageStartingWith(file + ": ")
                .withMessageContaining(problem)
                .satisfies(e -> assertThat(e.file()).isEqualTo(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badImageFiles")
    void checkImagesFindsEveryProblemThatReadingFinds(byte[] content, String problem)
            throws IOException {
        Path file = write("bad-images-idx3-ubyte", content);

        assertThatExceptionOfType(InvalidDataFileException.class)
                .isThrownBy(() -> IdxReader.checkImages(file))
                .withMessageStartingWith(file + ": ")
                .withMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void checkImagesPassesAGoodFileAndGivesItsHeader(boolean compressed) throws IOException {
        byte[] content = images(40, 28, 28, clothes(40, 28, 28));
        Path file = write("images-idx3-ubyte", compressed ? gzip(content) : content);

        assertThat(IdxReader.checkImages(file)).isEqualTo(new IdxImages.Header(40, 28, 28));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void readImageHeaderRejectsBadHeaderNamingFileAndProblem(byte[] content, String problem)
            throws IOException {
        Path file = write("bad-header", content);

        assertThatExceptionOfType(InvalidDataFileException.class)
                .isThrownBy(() -> IdxReader.readImageHeader(file))
                .withMessageStartingWith(file + ": ")
                .withMessageContaining(problem);
    }

    @Test
    void refusesALimitBelowOne() throws IOException {
        Path file = write("images", images(2, 3, 4, pattern(24)));

        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> IdxReader.readImages(file, 0))
                .withMessageContaining("limit");
    }

    @Test
    void everyReaderRejectsMissingFileNamingIt() {
        Path missing = dir.resolve("no-such-images.gz");

        assertThatExceptionOfType(InvalidDataFileException.class)
                .isThrownBy(() -> IdxReader.readImages(missing))
                .withMessage(missing + ": no such file")
                .withCauseInstanceOf(NoSuchFileException.class);
        assertThatExceptionOfType(InvalidDataFileException.class)
                .isThrownBy(() -> IdxReader.readImageHeader(missing))
                .withMessage(missing + ": no such file");
        assertThatExceptionOfType(InvalidDataFileException.class)
                .isThrownBy(() -> IdxReader.readLabels(missing))
                .withMessage(missing + ": no such file");
    }

    @ParameterizedTest(name = "gzip: {0}")
    @ValueSource(booleans = {false, true})
    void readsLabelFile(boolean compressed) throws IOException {
        byte[] labels = {0, 9, 3, (byte) 255, 1};
        byte[] content = labels(labels);
        Path file = write("labels-idx1-ubyte", compressed ? gzip(content) : content);

        byte[] read = IdxReader.readLabels(file);

        assertThat(read).containsExactly(labels);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLabelFiles")
    void rejectsBadLabelFileNamingFileAndProblem(byte[] content, String problem)
            throws IOException {
        Path file = write("bad-labels-idx1-ubyte", content);

        assertThatExceptionOfType(InvalidDataFileException.class)
                .isThrownBy(() -> IdxReader.readLabels(file))
                .withMessageStartingWith(file + ": ")
                .withMessageContaining(problem);
    }

    @Test
    void readsRealFashionMnistTestImages() throws IOException {
        assumeTrue(Files.isRegularFile(T10K_IMAGES), "Fashion-MNIST is not installed");

        IdxImages.Header header = IdxReader.readImageHeader(T10K_IMAGES);
        IdxImages first = IdxReader.readImages(T10K_IMAGES, 3);

        assertThat(header).isEqualTo(new IdxImages.Header(10_000, 28, 28));
        assertThat(first.header()).isEqualTo(new IdxImages.Header(3, 28, 28));
        // Decompressed independently of the reader, skipping the 16-byte header.
        assertThat(first.pixels()).containsExactly(gunzipRange(T10K_IMAGES, 16, 3 * 28 * 28));
        for (int image = 0; image < 3; image++) {
            byte[] one = Arrays.copyOfRange(first.pixels(), image * 784, (image + 1) * 784);
            assertThat(one).as("image %d is not blank", image).containsAnyOf((byte) 255);
        }
    }

    static Stream<Arguments> badHeaders() {
        byte[] valid = images(2, 3, 4, pattern(24));
        return Stream.of(
                bad("empty file", new byte[0], "truncated: the file ends inside its header"),
                bad(
                        "file ending inside the header",
                        Arrays.copyOf(valid, 10),
                        "truncated: the file ends inside its header"),
                bad(
                        "gzip file ending inside the header",
                        gzip(Arrays.copyOf(valid, 10)),
                        "truncated: the file ends inside its header"),
                bad("gzip magic and nothing else", new byte[] {0x1f, (byte) 0x8b}, "truncated"),
                bad(
                        "labels file",
                        labels(pattern(5)),
                        "wrong magic number 0x00000801, expected 0x00000803 for IDX images"),
                bad(
                        "float images",
                        concat(header(0x0000_0d03, 1, 1, 1), new byte[4]),
                        "wrong magic number 0x00000d03"),
                bad(
                        "text file",
                        "hello, world\n".getBytes(US_ASCII),
                        "wrong magic number 0x68656c6c"),
                bad(
                        "no images",
                        images(0, 3, 4, new byte[0]),
                        "image count is 0, must be positive"),
                bad(
                        "negative image count",
                        images(-1, 3, 4, new byte[0]),
                        "image count is -1, must be positive"),
                bad(
                        "zero rows",
                        images(1, 0, 4, new byte[0]),
                        "rows is 0, must be between 1 and 4096"),
                bad(
                        "rows above 4096",
                        images(1, 4097, 1, new byte[4097]),
                        "rows is 4097, must be between 1 and 4096"),
                bad(
                        "zero columns",
                        images(1, 4, 0, new byte[0]),
                        "columns is 0, must be between 1 and 4096"),
                bad(
                        "negative columns",
                        images(1, 4, -28, new byte[0]),
                        "columns is -28, must be between 1 and 4096"),
                bad(
                        "columns above 4096",
                        images(1, 1, 4097, new byte[4097]),
                        "columns is 4097, must be between 1 and 4096"),
                bad(
                        "more pixels than one array holds",
                        images(200, 4096, 4096, new byte[0]),
                        "200 images of 4096x4096 pixels are more than one array can hold"));
    }

    static Stream<Arguments> badImageFiles() {
        byte[] valid = images(2, 3, 4, pattern(24));
        byte[] validGzip = gzip(images(40, 28, 28, clothes(40, 28, 28)));
        Stream<Arguments> bodies =
                Stream.of(
                        bad(
                                "body shorter than the header says",
                                Arrays.copyOf(valid, valid.length - 4),
                                "truncated: the header promises 24 bytes of data, the file holds"
                                        + " 20"),
                        bad(
                                "gzip cut in half",
                                Arrays.copyOf(validGzip, validGzip.length / 2),
                                "truncated: the file ends inside its header or inside its"
                                        + " compressed"),
                        bad(
                                "gzip without its trailer",
                                Arrays.copyOf(validGzip, validGzip.length - 8),
                                "truncated"),
                        bad(
                                "gzip of a body shorter than the header says",
                                gzip(Arrays.copyOf(valid, valid.length - 1)),
                                "truncated: the header promises 24 bytes of data, the file holds"
                                        + " 23"),
                        bad(
                                "data after the last image",
                                concat(valid, new byte[] {0}),
                                "longer than its header says: data continues after 24 bytes"),
                        bad(
                                "gzip of data after the last image",
                                gzip(concat(valid, new byte[] {0})),
                                "longer than its header says: data continues after 24 bytes"),
                        bad(
                                "gzip with bytes flipped in the middle",
                                flipMiddle(validGzip),
                                "corrupt gzip data"),
                        // Memory grows with the bytes really read, so a lying header cannot exhaust
                        // it.
                        bad(
                                "a header promising 1.6 GB the file does not hold",
                                images(100, 4096, 4096, new byte[0]),
                                "truncated: the header promises 1677721600 bytes of data, the file"
                                        + " holds 0"),
                        bad(
                                "gzip of a header promising 1.6 GB",
                                gzip(images(100, 4096, 4096, new byte[0])),
                                "truncated: the header promises 1677721600 bytes of data, the file"
                                        + " holds 0"));
        return Stream.concat(badHeaders(), bodies);
    }

    static Stream<Arguments> badLabelFiles() {
        byte[] valid = labels(pattern(6));
        return Stream.of(
                bad(
                        "images file",
                        images(1, 2, 3, pattern(6)),
                        "wrong magic number 0x00000803, expected 0x00000801 for IDX labels"),
                bad("no labels", labels(new byte[0]), "label count is 0, must be positive"),
                bad(
                        "file ending inside the header",
                        Arrays.copyOf(valid, 6),
                        "truncated: the file ends inside its header"),
                bad(
                        "fewer labels than the header says",
                        Arrays.copyOf(valid, valid.length - 2),
                        "truncated: the header promises 6 bytes of data, the file holds 4"),
                bad(
                        "data after the last label",
                        concat(valid, new byte[] {1, 2}),
                        "longer than its header says"),
                bad(
                        "a header promising two billion labels",
                        labels(new byte[0], 2_000_000_000),
                        "truncated: the header promises 2000000000 bytes of data, the file holds"
                                + " 0"));
    }

    private static Arguments bad(String description, byte[] content, String problem) {
        return Arguments.of(Named.of(description, content), problem);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] header(int magic, int... sizes) {
        // ByteBuffer is big-endian unless told otherwise, as IDX is.
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * sizes.length).putInt(magic);
        for (int size : sizes) {
            buffer.putInt(size);
        }
        return buffer.array();
    }

    private static byte[] images(int count, int rows, int columns, byte[] pixels) {
        return concat(header(IMAGES, count, rows, columns), pixels);
    }

    private static byte[] labels(byte[] labels) {
        return labels(labels, labels.length);
    }

    private static byte[] labels(byte[] labels, int claimedCount) {
        return concat(header(LABELS, claimedCount), labels);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Bytes that cover the whole 0..255 range, so signed/unsigned mix-ups show. */
    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 53 + 7);
        }
        return bytes;
    }

    /** Smooth, varied pictures that compress the way real ones do. */
    private static byte[] clothes(int count, int rows, int columns) {
        byte[] pixels = new byte[count * rows * columns];
        int i = 0;
        for (int image = 0; image < count; image++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    int distance = Math.abs(x - columns / 2) + Math.abs(y - rows / 2);
                    pixels[i++] = (byte) Math.max(0, 255 - distance * (8 + image % 5));
                }
            }
        }
        return pixels;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] flipMiddle(byte[] gzip) {
        byte[] corrupt = gzip.clone();
        for (int i = corrupt.length / 2; i < corrupt.length / 2 + 8; i++) {
            corrupt[i] ^= (byte) 0xff;
        }
        return corrupt;
    }

    private static byte[] gunzipRange(Path file, int skip, int length) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            in.skipNBytes(skip);
            return in.readNBytes(length);
        }
    }
}
