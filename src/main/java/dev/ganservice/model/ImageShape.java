package dev.ganservice.model;

/**
 * The shape of one image: width and height in pixels and the number of colour channels. Networks
 * see an image as a flat row of {@link #pixels()} values.
 */
public record ImageShape(int width, int height, int channels) {

    public static final ImageShape FASHION_MNIST = new ImageShape(28, 28, 1);

    public ImageShape {
        if (width < 1 || height < 1 || channels < 1) {
            throw new IllegalArgumentException(
                    "image dimensions must be positive: " + width + "x" + height + "x" + channels);
        }
    }

    public int pixels() {
        return width * height * channels;
    }

    @Override
    public String toString() {
        return width + "x" + height + "x" + channels;
    }
}
