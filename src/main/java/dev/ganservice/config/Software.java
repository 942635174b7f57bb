package dev.ganservice.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * The versions of the software that trains, recorded beside every run and checkpoint so a run
 * folder says what made it.
 */
@Component
public class Software {

    private final String service;
    private final String deeplearning4j;
    private final Nd4jRuntime nd4j;

    @Autowired
    public Software(ObjectProvider<BuildProperties> build, Nd4jRuntime nd4j) {
        this(versionOf(build.getIfAvailable()), nd4j);
    }

    public Software(String service, Nd4jRuntime nd4j) {
        this.service = service;
        this.deeplearning4j = mavenVersion("org.deeplearning4j", "deeplearning4j-nn");
        this.nd4j = nd4j;
    }

    private static String versionOf(BuildProperties build) {
        return build != null ? build.getVersion() : "development";
    }

    /** The versions now; the backend reads "loading" until ND4J has loaded. */
    public Versions versions() {
        String backend =
                nd4j.info()
                        .map(info -> info.backend() + " (" + info.blasVendor() + ")")
                        .orElse(nd4j.state().name().toLowerCase(java.util.Locale.ROOT));
        return new Versions(service, deeplearning4j, backend, System.getProperty("java.version"));
    }

    @Override
    public String toString() {
        Versions versions = versions();
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
