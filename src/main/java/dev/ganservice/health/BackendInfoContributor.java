package dev.ganservice.health;

import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.config.Software;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Adds to {@code /actuator/info} what trains: library versions, the ND4J backend (CPU or CUDA), the
 * BLAS vendor, thread counts and the devices ND4J sees. Version and git commit come from Spring
 * Boot's build and git contributors.
 */
@Component
class BackendInfoContributor implements InfoContributor {

    private final Nd4jRuntime nd4j;
    private final Software software;

    BackendInfoContributor(Nd4jRuntime nd4j, Software software) {
        this.nd4j = nd4j;
        this.software = software;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Software.Versions versions = software.versions();
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("state", nd4j.state().name());
        backend.put("deeplearning4j", versions.deeplearning4j());
        nd4j.info()
                .ifPresent(
                        info -> {
                            backend.put("backend", info.backend());
                            backend.put("nativeBuild", info.nativeBuild());
                            backend.put("blasVendor", info.blasVendor());
                            backend.put("threads", info.threads());
                            backend.put("cores", info.cores());
                            backend.put("ompWaitPolicy", info.ompWaitPolicy());
                            backend.put("devices", info.devices());
                            backend.put("nativeCacheDir", info.nativeCacheDir());
                        });
        builder.withDetail("nd4j", backend);
    }
}
