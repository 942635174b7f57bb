package dev.ganservice.imaging;

import dev.ganservice.model.ImageShape;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * Lays generated images out as a grid, the way torchvision's {@code make_grid} does: tiles in rows
 * of {@code columns}, {@value #PAD} white pixels between tiles and around the border, the whole
 * grid enlarged by an integer {@code scale} with nearest-neighbour pixels.
 *
 * <p>Input values are in [-1, 1] (the generator's Tanh), one image after another, each flattened
 * channel by channel and row by row. One channel gives a greyscale image, three give colour.
 */
public final class ImageGrid {

    public static final int PAD = 2;

    private static final byte WHITE = (byte) 255;

    private ImageGrid() {}

    /** The width in pixels of a grid of {@code columns} tiles of {@code shape}. */
    public static long width(ImageShape shape, int columns, int scale) {
        return ((long) columns * (shape.width() + PAD) + PAD) * scale;
    }

    /** The height in pixels of a grid of {@code count} tiles in {@code columns} columns. */
    public static long height(ImageShape shape, int count, int columns, int scale) {
        long rows = (count + columns - 1) / columns;
        return (rows * (shape.height() + PAD) + PAD) * scale;
    }

    public static BufferedImage render(float[] values, ImageShape shape, int columns, int scale) {
        int pixels = shape.pixels();
        if (values.length % pixels != 0 || columns < 1 || scale < 1) {
            throw new IllegalArgumentException(
                    values.length
                            + " values are not whole images of "
                            + shape
                            + ", or columns "
                            + columns
                            + " / scale "
                            + scale
                            + " is below 1");
        }
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException("only 1 or 3 channels can be drawn: " + shape);
        }
        int count = values.length / pixels;
        int width = Math.toIntExact(width(shape, columns, scale));
        int height = Math.toIntExact(height(shape, count, columns, scale));
        boolean grey = shape.channels() == 1;
        BufferedImage image =
                new BufferedImage(
                        width,
                        height,
                        grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Arrays.fill(raster, WHITE);

        for (int tile = 0; tile < count; tile++) {
            int left = ((tile % columns) * (shape.width() + PAD) + PAD) * scale;
            int top = ((tile / columns) * (shape.height() + PAD) + PAD) * scale;
            drawTile(values, tile * pixels, shape, raster, width, left, top, scale);
        }
        return image;
    }

    /**
     * Draws one tile: each row of the image once, every pixel {@code scale} times across, then that
     * row copied {@code scale - 1} times below it.
     */
    private static void drawTile(
            float[] values,
            int offset,
            ImageShape shape,
            byte[] raster,
            int rasterWidth,
            int left,
            int top,
            int scale) {
        int channels = shape.channels();
        int plane = shape.width() * shape.height();
        int rowBytes = shape.width() * scale * channels;
        for (int y = 0; y < shape.height(); y++) {
            int rowStart = ((top + y * scale) * rasterWidth + left) * channels;
            int sourceRow = offset + y * shape.width();
            for (int channel = 0; channel < channels; channel++) {
                // TYPE_3BYTE_BGR stores blue first; the images are stored red plane first.
                int source = sourceRow + (channels - 1 - channel) * plane;
                int target = rowStart + channel;
                for (int x = 0; x < shape.width(); x++) {
                    byte level = toByte(values[source + x]);
                    for (int copy = 0; copy < scale; copy++, target += channels) {
                        raster[target] = level;
                    }
                }
            }
            for (int copy = 1; copy < scale; copy++) {
                System.arraycopy(
                        raster,
                        rowStart,
                        raster,
                        rowStart + copy * rasterWidth * channels,
                        rowBytes);
            }
        }
    }

    /** Maps [-1, 1] to 0..255, rounding to nearest and clamping what lies outside. */
    static byte toByte(float value) {
        // Truncating x + 0.5 rounds to nearest for every x that is not clamped to 0 anyway.
        int level = (int) ((value + 1f) * 127.5f + 0.5f);
        return (byte) Math.max(0, Math.min(255, level));
    }
}
