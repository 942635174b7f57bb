package dev.ganservice.quality;

import dev.ganservice.data.TrainingImages;

/**
 * Images with their class labels, one label per image in the same order.
 *
 * @param images pixels scaled to [-1, 1], as the generator draws them
 * @param labels class numbers from 0
 */
record LabelledImages(TrainingImages images, byte[] labels) {

    LabelledImages {
        if (labels.length < images.count()) {
            throw new IllegalArgumentException(
                    images.count() + " images but only " + labels.length + " labels");
        }
    }

    int count() {
        return images.count();
    }

    /** One more than the largest label: how many classes the labels name. */
    int classes() {
        int largest = 0;
        for (int i = 0; i < count(); i++) {
            largest = Math.max(largest, labels[i] & 0xff);
        }
        return largest + 1;
    }
}
