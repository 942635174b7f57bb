package dev.ganservice.data;

/**
 * Greyscale images read from an IDX file: {@code count} images of {@code rows} by {@code columns}
 * unsigned bytes, stored one after the other, row by row.
 */
public record IdxImages(int count, int rows, int columns, byte[] pixels) {

    public IdxImages {
        if ((long) count * rows * columns != pixels.length) {
            throw new IllegalArgumentException(
                    "pixels hold "
                            + pixels.length
                            + " bytes, not "
                            + count
                            + "x"
                            + rows
                            + "x"
                            + columns);
        }
    }

    public int pixelsPerImage() {
        return rows * columns;
    }

    public Header header() {
        return new Header(count, rows, columns);
    }

    /** What an IDX image file's header says it holds. */
    public record Header(int count, int rows, int columns) {}
}
