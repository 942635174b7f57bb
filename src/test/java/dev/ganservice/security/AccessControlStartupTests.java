package dev.ganservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/** What the security settings do to start-up: refusals, warnings, and no generated user. */
@ExtendWith(OutputCaptureExtension.class)
class AccessControlStartupTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ApiSecurityProperties.class)
    @ImportAutoConfiguration(ValidationAutoConfiguration.class)
    static class PropertiesOnly {}

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ApiSecurityProperties.class)
    @Import(AccessControl.class)
    static class Security {}

    private final WebApplicationContextRunner web =
            new WebApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    JacksonAutoConfiguration.class,
                                    ValidationAutoConfiguration.class,
                                    SecurityAutoConfiguration.class,
                                    UserDetailsServiceAutoConfiguration.class,
                                    ServletWebSecurityAutoConfiguration.class))
                    .withUserConfiguration(Security.class);

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                "                        ",
                "short-secret-15",
                "secret with spaces 0123456789",
                "tab\tseparated-secret-0123456789"
            })
    void refusesToStartWithAnUnusableTokenWithoutPrintingIt(String token, CapturedOutput output) {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(PropertiesOnly.class)
                        .web(WebApplicationType.NONE)
                        .bannerMode(Banner.Mode.OFF)
                        .logStartupInfo(false)
                        .properties("gan.security.api-token=" + token);

        assertThatThrownBy(application::run)
                .rootCause()
                .message()
                .contains("gan.security")
                .doesNotContain(token.isBlank() ? "\u0000" : token);

        assertThat(output.getAll())
                .contains(
                        "APPLICATION FAILED TO START",
                        "gan.security.api-token (GAN_SECURITY_API_TOKEN) must be at least 16"
                                + " printable ASCII characters");
        if (!token.isBlank()) {
            assertThat(output.getAll()).doesNotContain(token, token.substring(0, 8));
        }
    }

    @Test
    void acceptsALongTokenAndHidesItFromToString() {
        String token = "a-long-enough-token-0123456789";
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(PropertiesOnly.class)
                .withPropertyValues("gan.security.api-token=" + token)
                .run(
                        context -> {
                            assertThat(context).hasNotFailed();
                            ApiSecurityProperties properties =
                                    context.getBean(ApiSecurityProperties.class);
                            assertThat(properties.tokenConfigured()).isTrue();
                            assertThat(properties.protectReads()).isFalse();
                            assertThat(properties.toString()).doesNotContain(token);
                            assertThat(properties.token().orElseThrow().matches(token)).isTrue();
                            assertThat(properties.token().orElseThrow().toString())
                                    .doesNotContain(token);
                        });
    }

    @Test
    void withoutATokenWarnsOnceAndCreatesNoUser(CapturedOutput output) {
        web.run(
                context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class);
                    assertThat(context).doesNotHaveBean(UserDetailsService.class);
                });

        String log = output.getAll();
        assertThat(log.split("gan.security.api-token is not set", -1)).hasSize(2);
        assertThat(log)
                .containsPattern("WARN .*gan.security.api-token is not set: anyone")
                .doesNotContain("Using generated security password");
    }

    @Test
    void withATokenSaysWritesNeedItAndDoesNotWarn(CapturedOutput output) {
        String token = "a-long-enough-token-0123456789";
        web.withPropertyValues("gan.security.api-token=" + token)
                .run(
                        context -> {
                            assertThat(context).hasNotFailed();
                            assertThat(context).doesNotHaveBean(UserDetailsService.class);
                        });

        assertThat(output.getAll())
                .contains(
                        "Write requests need a bearer token (gan.security.api-token); reads are"
                                + " open")
                .doesNotContain("is not set", "Using generated security password", token);
    }
}
