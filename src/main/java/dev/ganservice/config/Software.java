package dev.ganservice.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * The versions of the software that trains, recorded beside every run and checkpoint so a run
 * folder says what made it.
 */
@Component
public class Software {

    private final Versions versions;

    public Software(ObjectProvider<BuildProperties> build, Nd4jRuntime nd4j) {
        BuildProperties properties = build.getIfAvailable();
        this.versions =
                new Versions(
                        properties != null ? properties.getVersion() : "development",
                        mavenVersion("org.deeplearning4j", "deeplearning4j-nn"),
                        nd4j.info().backend() + " (" + nd4j.info().blasVendor() + ")",
                        System.getProperty("java.version"));
    }

    public Versions versions() {
        return versions;
    }

    @Override
    public String toString() {
        return "gan-service "
                + versions.service()
                + ", deeplearning4j "
                + versions.deeplearning4j()
                + ", ND4J "
                + versions.backend()
                + ", Java "
                + versions.java();
    }

    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Software.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Version strings of the service and the libraries it trains with. */
    public record Versions(String service, String deeplearning4j, String backend, String java) {}
}
