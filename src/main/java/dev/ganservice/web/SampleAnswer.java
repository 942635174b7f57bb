package dev.ganservice.web;

import dev.ganservice.sampling.Sample;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How both endpoints that draw from a checkpoint answer: the PNG, what drew it, caching. */
final class SampleAnswer {

    /**
     * The same job, epoch, seed and parameters give the same bytes for as long as the checkpoint
     * file stays what it is, which the service never changes once written; a cache may keep the
     * answer for good. Not public: with protected reads a shared cache must not hand it to others.
     */
    private static final CacheControl FIXED = CacheControl.maxAge(Duration.ofDays(365)).immutable();

    private SampleAnswer() {}

    /** The answer; with {@code fixed} it carries an ETag and may be cached for good. */
    static ResponseEntity<byte[]> of(Sample sample, boolean fixed) {
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.ok()
                        .contentType(MediaType.IMAGE_PNG)
                        .header(SamplesController.JOB_HEADER, sample.job())
                        .header(SamplesController.EPOCH_HEADER, String.valueOf(sample.epoch()))
                        .header(SamplesController.SEED_HEADER, String.valueOf(sample.seed()));
        if (fixed) {
            // Spring answers 304 Not Modified itself when If-None-Match names this ETag.
            answer.eTag(etag(sample.png())).cacheControl(FIXED);
        } else {
            answer.cacheControl(CacheControl.noStore());
        }
        return answer.body(sample.png());
    }

    /** A strong validator: the first 128 bits of the PNG's SHA-256, base64url. */
    private static String etag(byte[] png) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(png);
            return '"'
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(Arrays.copyOf(digest, 16))
                    + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
