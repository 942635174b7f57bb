package dev.ganservice.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A bearer token from a request's {@code Authorization} header: first as presented (not yet
 * trusted), then, once it matched the configured token, as the authenticated API client, which no
 * longer holds the token.
 */
final class BearerToken extends AbstractAuthenticationToken {

    /** The one principal there is: whoever holds the service's API token. */
    static final String API_CLIENT = "api-client";

    private String presented;

    private BearerToken(String presented, boolean authenticated) {
        super(authenticated ? List.of(new SimpleGrantedAuthority("ROLE_API_CLIENT")) : List.of());
        this.presented = presented;
        setAuthenticated(authenticated);
    }

    static BearerToken presented(String token) {
        return new BearerToken(token, false);
    }

    static BearerToken apiClient() {
        return new BearerToken(null, true);
    }

    @Override
    public Object getCredentials() {
        return presented;
    }

    @Override
    public Object getPrincipal() {
        return API_CLIENT;
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        presented = null;
    }

    /** Never the token: Spring Security logs authentications at DEBUG and TRACE. */
    @Override
    public String toString() {
        return "BearerToken[principal=" + API_CLIENT + ", authenticated=" + isAuthenticated() + "]";
    }
}
