package dev.ganservice.sampling;

import java.time.Duration;

/** Every sampling slot stayed taken for as long as a request may wait for one. */
public class SamplingBusyException extends RuntimeException {

    public SamplingBusyException(int maxConcurrent, Duration maxWait) {
        super(
                "All "
                        + maxConcurrent
                        + " sampling slots (gan.samples.max-concurrent) stayed busy for "
                        + maxWait.toMillis()
                        + " ms (gan.samples.max-wait). Retry later, or ask for fewer or smaller"
                        + " images.");
    }
}
