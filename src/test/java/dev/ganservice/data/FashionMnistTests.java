package dev.ganservice.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTests {

    private static final String PLAIN = "train-images-idx3-ubyte";
    private static final String GZIP = "train-images-idx3-ubyte.gz";

    @TempDir Path dir;

    @Test
    void prefersGzipFileToPlainFileInTheSameFolder() throws IOException {
        Path folder = folder("data");
        touch(folder.resolve(PLAIN));
        Path gzip = touch(folder.resolve(GZIP));

        var found = new FashionMnist(List.of(folder)).findTrainImages();

        assertThat(found).contains(gzip);
    }

    @Test
    void findsPlainFileWhenThereIsNoGzipFile() throws IOException {
        Path folder = folder("data");
        Path plain = touch(folder.resolve(PLAIN));

        var found = new FashionMnist(List.of(folder)).findTrainImages();

        assertThat(found).contains(plain);
    }

    @Test
    void firstFolderHoldingEitherFileWins() throws IOException {
        Path empty = folder("empty");
        Path first = folder("first");
        Path second = folder("second");
        Path plainInFirst = touch(first.resolve(PLAIN));
        touch(second.resolve(GZIP));

        var found =
                new FashionMnist(List.of(dir.resolve("missing"), empty, first, second))
                        .findTrainImages();

        assertThat(found).contains(plainInFirst);
    }

    @Test
    void ignoresFolderNamedLikeTheFile() throws IOException {
        Path folder = folder("data");
        Files.createDirectory(folder.resolve(GZIP));
        Path plain = touch(folder.resolve(PLAIN));

        var found = new FashionMnist(List.of(folder)).findTrainImages();

        assertThat(found).contains(plain);
    }

    @Test
    void ignoresOtherFashionMnistFiles() throws IOException {
        Path folder = folder("data");
        touch(folder.resolve("t10k-images-idx3-ubyte.gz"));
        touch(folder.resolve("train-labels-idx1-ubyte.gz"));

        var found = new FashionMnist(List.of(folder)).findTrainImages();

        assertThat(found).isEmpty();
    }

    @Test
    void requireReturnsTheFoundFile() throws IOException {
        Path folder = folder("data");
        Path gzip = touch(folder.resolve(GZIP));

        Path required = new FashionMnist(List.of(folder)).requireTrainImages();

        assertThat(required).isEqualTo(gzip);
    }

    @Test
    void requireFailsListingTheFoldersSearchedAndHowToInstall() throws IOException {
        Path empty = folder("empty");
        Path missing = dir.resolve("not-there");
        FashionMnist dataSet = new FashionMnist(List.of(empty, missing));

        var found = dataSet.findTrainImages();

        assertThat(found).isEmpty();
        assertThatExceptionOfType(DataSetNotFoundException.class)
                .isThrownBy(dataSet::requireTrainImages)
                .withMessageContaining(PLAIN + "[.gz]")
                .withMessageContaining(empty.toString())
                .withMessageContaining(missing.toString())
                .withMessageContaining("apt-get install dataset-fashion-mnist")
                .satisfies(e -> assertThat(e.searched()).containsExactly(empty, missing));
    }

    @Test
    void noFoldersFindNothing() {
        FashionMnist dataSet = new FashionMnist(List.of());

        var found = dataSet.findTrainImages();

        assertThat(found).isEmpty();
        assertThatExceptionOfType(DataSetNotFoundException.class)
                .isThrownBy(dataSet::requireTrainImages)
                .satisfies(e -> assertThat(e.searched()).isEmpty());
    }

    @Test
    void keepsItsOwnCopyOfTheFolderList() throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(folder("empty")));
        FashionMnist dataSet = new FashionMnist(dirs);
        Path late = folder("late");
        touch(late.resolve(GZIP));

        dirs.add(late);

        assertThat(dataSet.dirs()).containsExactly(dir.resolve("empty"));
        assertThat(dataSet.findTrainImages()).isEmpty();
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectory(dir.resolve(name));
    }

    private static Path touch(Path file) throws IOException {
        return Files.write(file, new byte[] {1});
    }
}
