package dev.ganservice.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system (tmpfs) mounted on a folder, so a test can fill a disk for real.
 * Mounting needs root, which the CI machine has; elsewhere {@link #canMount()} says no and the
 * tests that need it are skipped, while their simulated twins still run.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path folder;

    private SmallDisk(Path folder) {
        this.folder = folder;
    }

    public static boolean canMount() {
        return "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/bin/mount"));
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code folder}, creating the folder. */
    public static SmallDisk mount(Path folder, int megabytes) throws IOException {
        Files.createDirectories(folder);
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", folder.toString());
        return new SmallDisk(folder);
    }

    public Path folder() {
        return folder;
    }

    public long freeBytes() throws IOException {
        return Files.getFileStore(folder).getUsableSpace();
    }

    @Override
    public void close() throws IOException {
        run("umount", folder.toString());
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
