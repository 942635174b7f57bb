package dev.ganservice.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderListingTests {

    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minusSeconds(3600));

    @TempDir Path folder;

    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsAFolderThatHasNotChangedOnlyOnce() throws IOException {
        Files.createFile(folder.resolve("a"));
        Files.setLastModifiedTime(folder, AN_HOUR_AGO);
        FolderListing<List<String>> listing = listing(Clock.systemUTC());

        List<String> first = listing.get();
        List<String> second = listing.get();
        List<String> third = listing.get();

        assertThat(first).containsExactly("a");
        assertThat(second).isSameAs(first);
        assertThat(third).isSameAs(first);
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void readsTheFolderAgainOnceAnEntryIsAddedOrRemoved() throws IOException {
        Files.createFile(folder.resolve("a"));
        Files.setLastModifiedTime(folder, AN_HOUR_AGO);
        FolderListing<List<String>> listing = listing(Clock.systemUTC());
        listing.get();

        Files.createFile(folder.resolve("b"));
        List<String> afterAdding = listing.get();
        Files.delete(folder.resolve("a"));
        List<String> afterRemoving = listing.get();

        assertThat(afterAdding).containsExactly("a", "b");
        assertThat(afterRemoving).containsExactly("b");
    }

    @Test
    void aListingMadeSoonAfterAChangeIsNotTrustedEvenIfTheTimeStaysTheSame() throws IOException {
        // A coarse file-system clock can stamp two changes with the same time. Here the second
        // change is made to look like that by putting the first change's time back.
        Instant changed = Instant.now();
        Files.setLastModifiedTime(folder, FileTime.from(changed));
        MutableClock clock = new MutableClock(changed.plusMillis(10));
        FolderListing<List<String>> listing = listing(clock);
        assertThat(listing.get()).isEmpty();

        Files.createFile(folder.resolve("late"));
        Files.setLastModifiedTime(folder, FileTime.from(changed));

        assertThat(listing.get()).containsExactly("late");
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void aListingIsTrustedOnceTheFolderHasBeenQuietForTheSettleTime() throws IOException {
        Instant changed = Instant.now();
        Files.setLastModifiedTime(folder, FileTime.from(changed));
        MutableClock clock = new MutableClock(changed.plusMillis(10));
        FolderListing<List<String>> listing = listing(clock);
        listing.get();
        listing.get();
        assertThat(reads.get()).as("reads while the change is recent").isEqualTo(2);

        clock.now = changed.plus(SETTLE);
        listing.get();
        listing.get();
        listing.get();

        assertThat(reads.get()).isEqualTo(3);
    }

    private FolderListing<List<String>> listing(Clock clock) {
        return new FolderListing<>(folder, this::names, clock, SETTLE);
    }

    private List<String> names() {
        reads.incrementAndGet();
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
