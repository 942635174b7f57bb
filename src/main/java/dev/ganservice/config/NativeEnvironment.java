package dev.ganservice.config;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Sets variables in the process environment, as C's {@code setenv} does.
 *
 * <p>OpenMP reads its settings once, when ND4J's native library is loaded, and only from the
 * process environment; Java offers no way to change that environment, so this goes through libc.
 * {@link System#getenv} keeps showing the values the JVM started with.
 */
final class NativeEnvironment {

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private static final LibC LIBC = Native.loadLibrary("c", LibC.class);

    private NativeEnvironment() {}

    /** Sets {@code name} unless the environment already has it; returns the value in effect. */
    static String setIfAbsent(String name, String value) {
        String current = LIBC.getenv(name);
        if (current != null) {
            return current;
        }
        if (LIBC.setenv(name, value, 0) != 0) {
            throw new IllegalStateException("setenv failed for " + name);
        }
        return value;
    }
}
