package dev.ganservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Trains GANs with Deeplearning4j and serves the images they make. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GanServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(GanServiceApplication.class, args);
    }
}
