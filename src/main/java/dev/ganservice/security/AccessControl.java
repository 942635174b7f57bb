package dev.ganservice.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what. With {@code gan.security.api-token} set, every request that changes something
 * (any method but GET, HEAD and OPTIONS, on any path) needs {@code Authorization: Bearer <token>};
 * reads need it too with {@code gan.security.protect-reads}. Swagger UI, the OpenAPI document, the
 * dashboard's static files and Actuator's health, info and prometheus endpoints are always open, so
 * that browsers, probes and scrapers work without the token. Without a token everything is open.
 *
 * <p>Stateless: no session, no cookie, hence no CSRF protection to need; no login form, no HTTP
 * basic, no generated user.
 */
@Configuration(proxyBeanMethods = false)
class AccessControl {

    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);

    /** Swagger UI and the document it shows; see springdoc.* in application.yml. */
    private static final String[] API_DOCUMENTATION = {
        "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**"
    };

    /**
     * The dashboard's page, scripts and styles: they hold no data (that comes from the API, with
     * the token where one is needed), and a browser cannot send a bearer token when it opens a
     * page, so they stay open even with protected reads.
     */
    private static final String[] DASHBOARD = {
        "/", "/index.html", "/dashboard/**", "/webjars/uplot/**"
    };

    /**
     * What the dashboard's page may load and run: its own scripts and styles, images from here or
     * fetched into memory, requests to this service only; no inline script, no framing.
     */
    static final String DASHBOARD_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
                    + " connect-src 'self'; base-uri 'none'; form-action 'none';"
                    + " frame-ancestors 'none'";

    @Bean
    ApiTokenAuthenticationProvider apiTokenAuthenticationProvider(
            ApiSecurityProperties properties) {
        return new ApiTokenAuthenticationProvider(properties.token());
    }

    @Bean
    SecurityProblems securityProblems(JsonMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ApiSecurityProperties properties,
            ApiTokenAuthenticationProvider provider,
            SecurityProblems problems)
            throws Exception {
        http.sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .headers(
                        headers ->
                                headers.addHeaderWriter(
                                        new DelegatingRequestMatcherHeaderWriter(
                                                AccessControl::isDashboardPage,
                                                new StaticHeadersWriter(
                                                        "Content-Security-Policy",
                                                        DASHBOARD_POLICY))))
                .exceptionHandling(
                        exceptions ->
                                exceptions
                                        .authenticationEntryPoint(problems)
                                        .accessDeniedHandler(problems));

        if (!properties.tokenConfigured()) {
            log.warn(
                    "gan.security.api-token is not set: anyone who can reach the service can start"
                            + " and cancel training jobs. Set GAN_SECURITY_API_TOKEN to require a"
                            + " bearer token for writes.");
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .build();
        }

        AuthenticationFilter bearer =
                new AuthenticationFilter(new ProviderManager(provider), new BearerTokenConverter());
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
        // The request simply continues, authenticated; nothing to redirect to.
        bearer.setSuccessHandler((request, response, authentication) -> {});
        log.info(
                "Write requests need a bearer token (gan.security.api-token); reads are {}",
                properties.protectReads() ? "protected too" : "open");

        return http.addFilterAt(bearer, BasicAuthenticationFilter.class)
                .authorizeHttpRequests(
                        requests -> {
                            // An error page renders the outcome of a request already authorized.
                            requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                            requests.requestMatchers(HttpMethod.GET, API_DOCUMENTATION).permitAll();
                            requests.requestMatchers(HttpMethod.GET, DASHBOARD).permitAll();
                            requests.requestMatchers(HttpMethod.HEAD, DASHBOARD).permitAll();
                            requests.requestMatchers(
                                            EndpointRequest.to("health", "info", "prometheus"))
                                    .permitAll();
                            requests.requestMatchers(HttpMethod.OPTIONS).permitAll();
                            if (!properties.protectReads()) {
                                requests.requestMatchers(HttpMethod.GET).permitAll();
                                requests.requestMatchers(HttpMethod.HEAD).permitAll();
                            }
                            requests.anyRequest().authenticated();
                        })
                .build();
    }

    private static boolean isDashboardPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/") || path.equals("/index.html");
    }
}
