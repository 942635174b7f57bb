package dev.ganservice.data;

import java.nio.file.Path;
import java.util.List;

/** None of the configured data folders holds the training images. */
public class DataSetNotFoundException extends RuntimeException {

    private final transient List<Path> searched;

    public DataSetNotFoundException(List<Path> searched) {
        super(
                "Fashion-MNIST's training images ("
                        + FashionMnist.TRAIN_IMAGES
                        + "[.gz]) are in none"
                        + " of "
                        + searched
                        + ". Install them with 'apt-get install dataset-fashion-mnist' (Debian), or"
                        + " download "
                        + FashionMnist.TRAIN_IMAGES
                        + ".gz from https://github.com/zalandoresearch/fashion-mnist into"
                        + " data/fashion-mnist, or point gan.data.dirs at a folder that holds"
                        + " it, or let the service download it (gan.data.download.enabled,"
                        + " which is off).");
        this.searched = List.copyOf(searched);
    }

    public List<Path> searched() {
        return searched;
    }
}
