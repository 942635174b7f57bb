package dev.ganservice.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files Fashion-MNIST and MNIST are published in, plain or gzip-compressed.
 *
 * <p>An IDX file starts with a magic number whose third byte gives the element type (0x08, unsigned
 * byte, is the only one used here) and whose fourth byte gives the number of dimensions; then one
 * big-endian 32-bit size per dimension; then the data. Every part is checked, and any problem ends
 * in an {@link InvalidDataFileException} naming the file.
 */
public final class IdxReader {

    /** Magic number of a file of unsigned-byte images: three dimensions. */
    static final int IMAGES_MAGIC = 0x0000_0803;

    /** Magic number of a file of unsigned-byte labels: one dimension. */
    static final int LABELS_MAGIC = 0x0000_0801;

    /** Larger images are rejected before anything is allocated for them. */
    static final int MAX_SIDE = 4096;

    private static final int GZIP_MAGIC = 0x1f8b;
    private static final int FIRST_READ = 1 << 20;

    private IdxReader() {}

    /** Reads only the header of an image file: cheap enough to check a request against it. */
    public static IdxImages.Header readImageHeader(Path file) {
        try (DataInputStream in = open(file)) {
            return imageHeader(file, in);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * Reads an image file through, keeping nothing but its header, and checks that exactly the data
     * the header promises follows it: a cheap way to find a truncated, overlong or corrupt file
     * before a job is accepted to train on it.
     */
    public static IdxImages.Header checkImages(Path file) {
        try (DataInputStream in = open(file)) {
            IdxImages.Header header = imageHeader(file, in);
            long promised = (long) header.count() * header.rows() * header.columns();
            byte[] buffer = new byte[1 << 16];
            long held = 0;
            int n;
            while (held <= promised && (n = in.read(buffer)) >= 0) {
                held += n;
            }
            if (held < promised) {
                throw truncated(file, promised, held);
            }
            if (held > promised) {
                throw overlong(file, promised);
            }
            return header;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** Reads a whole image file. */
    public static IdxImages readImages(Path file) {
        return readImages(file, Integer.MAX_VALUE);
    }

    /** Reads the header and at most {@code limit} images of an image file. */
    public static IdxImages readImages(Path file, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        try (DataInputStream in = open(file)) {
            IdxImages.Header header = imageHeader(file, in);
            int count = Math.min(header.count(), limit);
            byte[] pixels =
                    readBody(
                            file,
                            in,
                            count * header.rows() * header.columns(),
                            header.count() == count);
            return new IdxImages(count, header.rows(), header.columns(), pixels);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** Reads a whole label file: one unsigned byte per image. */
    public static byte[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            expectMagic(file, in.readInt(), LABELS_MAGIC, "labels");
            int count = positive(file, in.readInt(), "label count");
            return readBody(file, in, count, true);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        boolean gzip = first >= 0 && second >= 0 && ((first << 8) | second) == GZIP_MAGIC;
        InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new DataInputStream(in);
    }

    private static IdxImages.Header imageHeader(Path file, DataInputStream in) throws IOException {
        expectMagic(file, in.readInt(), IMAGES_MAGIC, "images");
        int count = positive(file, in.readInt(), "image count");
        int rows = side(file, in.readInt(), "rows");
        int columns = side(file, in.readInt(), "columns");
        if ((long) count * rows * columns > Integer.MAX_VALUE - 16) {
            throw new InvalidDataFileException(
                    file,
                    count
                            + " images of "
                            + rows
                            + "x"
                            + columns
                            + " pixels are more than one array can hold");
        }
        return new IdxImages.Header(count, rows, columns);
    }

    private static void expectMagic(Path file, int magic, int expected, String kind)
            throws IOException {
        if (magic != expected) {
            throw new InvalidDataFileException(
                    file,
                    String.format(
                            "wrong magic number 0x%08x, expected 0x%08x for IDX %s of unsigned"
                                    + " bytes",
                            magic, expected, kind));
        }
    }

    private static int positive(Path file, int value, String what) {
        if (value < 1) {
            throw new InvalidDataFileException(file, what + " is " + value + ", must be positive");
        }
        return value;
    }

    private static int side(Path file, int value, String what) {
        if (value < 1 || value > MAX_SIDE) {
            throw new InvalidDataFileException(
                    file, what + " is " + value + ", must be between 1 and " + MAX_SIDE);
        }
        return value;
    }

    /**
     * Reads the {@code promised} bytes a header announced. The buffer grows with the data actually
     * read, so a header that promises gigabytes the file does not hold costs no more memory than
     * the file's real content.
     */
    private static byte[] readBody(Path file, DataInputStream in, int promised, boolean mustEnd)
            throws IOException {
        byte[] body = new byte[Math.min(promised, FIRST_READ)];
        int read = 0;
        while (read < promised) {
            if (read == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(promised, 2L * body.length));
            }
            int n = in.read(body, read, body.length - read);
            if (n < 0) {
                throw truncated(file, promised, read);
            }
            read += n;
        }
        if (mustEnd && in.read() >= 0) {
            throw overlong(file, promised);
        }
        return body;
    }

    private static InvalidDataFileException truncated(Path file, long promised, long held) {
        return new InvalidDataFileException(
                file,
                "truncated: the header promises "
                        + promised
                        + " bytes of data, the file holds "
                        + held);
    }

    private static InvalidDataFileException overlong(Path file, long promised) {
        return new InvalidDataFileException(
                file, "longer than its header says: data continues after " + promised + " bytes");
    }

    private static InvalidDataFileException failure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InvalidDataFileException(file, "no such file", e);
        }
        if (e instanceof EOFException) {
            return new InvalidDataFileException(
                    file,
                    "truncated: the file ends inside its header" + " or inside its compressed data",
                    e);
        }
        if (e instanceof ZipException) {
            return new InvalidDataFileException(
                    file, "corrupt gzip data (" + e.getMessage() + ")", e);
        }
        return new InvalidDataFileException(file, "cannot be read (" + e + ")", e);
    }
}
