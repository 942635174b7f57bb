package dev.ganservice.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Accepts a presented bearer token that equals the configured API token, compared in constant time.
 * As a bean it also keeps Spring Boot from creating its default user with a generated password,
 * which this service has no use for.
 */
final class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final Optional<ApiToken> token;

    ApiTokenAuthenticationProvider(Optional<ApiToken> token) {
        this.token = token;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object presented = authentication.getCredentials();
        boolean matches =
                presented instanceof String value
                        && token.map(expected -> expected.matches(value)).orElse(false);
        if (!matches) {
            throw new BadCredentialsException("The bearer token is not the service's API token");
        }
        return BearerToken.apiClient();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
