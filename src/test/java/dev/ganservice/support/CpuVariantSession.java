package dev.ganservice.support;

import dev.ganservice.config.Nd4jRuntime;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses ND4J's CPU build before any test loads ND4J, as the service does at start-up. Without it,
 * JavaCPP would load whichever bundled build it finds first, which may use instructions the test
 * machine lacks.
 */
public class CpuVariantSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Nd4jRuntime.chooseCpuVariant("auto");
    }
}
