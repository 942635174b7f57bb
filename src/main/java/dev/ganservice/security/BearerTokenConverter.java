package dev.ganservice.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750). A request without it, or with another
 * scheme, stays anonymous: whether it may proceed is the authorization rules' decision.
 */
final class BearerTokenConverter implements AuthenticationConverter {

    private static final String SCHEME = "bearer ";

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null
                || header.length() < SCHEME.length()
                || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        return BearerToken.presented(header.substring(SCHEME.length()).strip());
    }
}
