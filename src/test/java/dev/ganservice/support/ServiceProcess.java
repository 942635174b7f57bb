package dev.ganservice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar started as a separate process with {@code java -jar}, on a free port, in a
 * working folder of its own; its output goes to {@code service.log} there.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The jar Maven built, as the failsafe plugin passes it in. */
    public static Path packagedJar() {
        String jar = System.getProperty("gan.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(
                    "System property gan.jar must name the packaged jar"
                            + " (run these tests with ./mvnw verify); got "
                            + jar);
        }
        return Path.of(jar);
    }

    /** Starts the jar and waits until its readiness probe says UP. */
    public static ServiceProcess start(
            Path workDir, List<String> jvmOptions, List<String> arguments) {
        return start(workDir, jvmOptions, arguments, Map.of());
    }

    /** Starts the jar with extra environment variables and waits until it is ready. */
    public static ServiceProcess start(
            Path workDir,
            List<String> jvmOptions,
            List<String> arguments,
            Map<String, String> environment) {
        ServiceProcess service = launch(workDir, jvmOptions, arguments, environment);
        service.awaitReady(Duration.ofSeconds(120));
        return service;
    }

    /** Starts the jar and waits for it to exit on its own, as it should when it cannot start. */
    public static ServiceProcess startExpectingExit(
            Path workDir, List<String> jvmOptions, List<String> arguments) {
        ServiceProcess service = launch(workDir, jvmOptions, arguments, Map.of());
        try {
            if (!service.process.waitFor(120, TimeUnit.SECONDS)) {
                service.close();
                throw new AssertionError("the service kept running:\n" + service.log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return service;
    }

    private static ServiceProcess launch(
            Path workDir,
            List<String> jvmOptions,
            List<String> arguments,
            Map<String, String> environment) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(packagedJar().toString());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("service.log");
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile());
            // The service must choose OpenMP's wait policy itself, not inherit the build's.
            builder.environment().remove("OMP_WAIT_POLICY");
            builder.environment().putAll(environment);
            return new ServiceProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Http http() {
        return new Http(port);
    }

    /** Where a browser finds the service: its root URL on loopback, without the final slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        Http http = http();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "the service exited with "
                                + process.exitValue()
                                + " before it was ready:\n"
                                + log());
            }
            try {
                if (http.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // The port opens a few seconds after the process starts.
            }
            sleep(200);
        }
        close();
        throw new AssertionError("the service was not ready within " + timeout + ":\n" + log());
    }

    /** Stops the process as an operator would (SIGTERM) and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process as a crash would (SIGKILL): no shutdown hook, no last write. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int exitValue() {
        return process.exitValue();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
