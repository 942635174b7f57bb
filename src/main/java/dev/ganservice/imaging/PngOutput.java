package dev.ganservice.imaging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** A growing byte buffer that {@link PngEncoder} writes the chunks of a PNG file into. */
final class PngOutput {

    private byte[] bytes;
    private int size;

    PngOutput(byte[] buffer) {
        bytes = buffer;
    }

    void write(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
    }

    void writeInt(int value) {
        ensure(4);
        putInt(bytes, size, value);
        size += 4;
    }

    /** Starts a chunk of {@code type}; returns where it starts, for {@link #endChunk}. */
    int beginChunk(String type) {
        int start = size;
        writeInt(0);
        write(type.getBytes(StandardCharsets.US_ASCII));
        return start;
    }

    /** Fills in the length of the chunk begun at {@code start} and appends its CRC. */
    void endChunk(int start) {
        int length = size - start - 8;
        putInt(bytes, start, length);
        CRC32 crc = new CRC32();
        crc.update(bytes, start + 4, length + 4);
        writeInt((int) crc.getValue());
    }

    /** Appends what the compressor has ready. */
    void deflate(Deflater deflater) {
        ensure(4096);
        size += deflater.deflate(bytes, size, bytes.length - size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    /** The buffer written into so far, which may have grown past the one given. */
    byte[] buffer() {
        return bytes;
    }

    private static void putInt(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 24);
        bytes[offset + 1] = (byte) (value >>> 16);
        bytes[offset + 2] = (byte) (value >>> 8);
        bytes[offset + 3] = (byte) value;
    }
}
