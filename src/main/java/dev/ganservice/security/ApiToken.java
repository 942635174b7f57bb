package dev.ganservice.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The configured API token, kept only as its SHA-256 digest. Comparing digests with {@link
 * MessageDigest#isEqual} takes the same time whatever the presented token is, so neither its
 * characters nor its length can be learnt by timing the answers.
 */
final class ApiToken {

    private final byte[] digest;

    ApiToken(String token) {
        this.digest = sha256(token);
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiToken(hidden)";
    }
}
