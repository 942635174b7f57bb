package dev.ganservice.security;

import jakarta.validation.constraints.AssertTrue;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may change the service, bound from {@code gan.security.*} and checked at start-up. Kept apart
 * from {@code GanProperties} so that the token never shows up in that record's {@code toString}.
 *
 * @param apiToken the bearer token that write requests ({@code POST}, {@code DELETE}, ...) must
 *     carry in {@code Authorization: Bearer <token>}; usually set through the environment variable
 *     {@code GAN_SECURITY_API_TOKEN}. Unset: every request is allowed, as without access control
 * @param protectReads whether reading jobs and samples needs the token too; Swagger UI, the OpenAPI
 *     document and Actuator's health, info and prometheus endpoints stay open either way
 */
@Validated
@ConfigurationProperties("gan.security")
public record ApiSecurityProperties(String apiToken, @DefaultValue("false") boolean protectReads) {

    /** Shortest token accepted: anything shorter is too easy to guess. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** Printable ASCII without spaces: what an HTTP client can send in a header unchanged. */
    private static final Pattern USABLE_TOKEN =
            Pattern.compile("[\\x21-\\x7E]{" + MIN_TOKEN_LENGTH + ",}");

    /** Whether requests must carry the token: false means everything is open. */
    public boolean tokenConfigured() {
        return apiToken != null;
    }

    /** The configured token, ready for constant-time comparison; empty when access is open. */
    Optional<ApiToken> token() {
        return apiToken == null ? Optional.empty() : Optional.of(new ApiToken(apiToken));
    }

    /**
     * Checked as a derived property rather than on {@code apiToken} itself, so that a refused token
     * never appears as the "rejected value" in Spring Boot's start-up failure report.
     */
    @AssertTrue(
            message =
                    "gan.security.api-token (GAN_SECURITY_API_TOKEN) must be at least "
                            + MIN_TOKEN_LENGTH
                            + " printable ASCII characters without spaces; leave it unset to"
                            + " allow every request")
    public boolean isApiTokenUsable() {
        return apiToken == null || USABLE_TOKEN.matcher(apiToken).matches();
    }

    @Override
    public String toString() {
        return "ApiSecurityProperties[apiToken="
                + (apiToken == null ? "unset" : "(hidden)")
                + ", protectReads="
                + protectReads
                + "]";
    }
}
