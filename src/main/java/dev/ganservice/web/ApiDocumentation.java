package dev.ganservice.web;

import dev.ganservice.config.Software;
import dev.ganservice.security.ApiSecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description behind Swagger UI: the service's name and version, and every error
 * response described as the RFC 9457 problem body it really is.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String BEARER = "bearerToken";
    private static final Set<PathItem.HttpMethod> READS =
            Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD, PathItem.HttpMethod.OPTIONS);

    @Bean
    OpenAPI ganServiceApi(Software software) {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("gan-service")
                                .version(software.versions().service())
                                .description(
                                        "Trains GANs on Fashion-MNIST with Deeplearning4j and"
                                                + " serves the images they make. Every error is"
                                                + " an RFC 9457 problem (application/problem"
                                                + "+json)."));
    }

    /** Replaces whatever springdoc guessed for 4xx and 5xx answers with the problem schema. */
    @Bean
    OpenApiCustomizer problemResponses() {
        Content problem =
                new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType()
                                        .schema(
                                                new Schema<>()
                                                        .$ref("#/components/schemas/" + PROBLEM)));
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().values().stream()
                    .flatMap(path -> path.readOperations().stream())
                    .flatMap(operation -> operation.getResponses().entrySet().stream())
                    .filter(response -> response.getKey().matches("[45]\\d\\d"))
                    .forEach(response -> response.getValue().setContent(problem));
        };
    }

    /**
     * With an API token configured, declares the bearer scheme (Swagger UI then offers "Authorize")
     * and marks the operations that need it, with their 401 answer.
     */
    @Bean
    OpenApiCustomizer bearerAuthorization(ApiSecurityProperties security) {
        return api -> {
            if (!security.tokenConfigured()) {
                return;
            }
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents()
                    .addSecuritySchemes(
                            BEARER,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .description(
                                            "The service's API token (gan.security.api-token),"
                                                    + " sent as 'Authorization: Bearer <token>'."));
            ApiResponse unauthorized =
                    new ApiResponse()
                            .description("No bearer token, or not the service's API token")
                            .content(problemContent());
            api.getPaths().values().stream()
                    .flatMap(path -> path.readOperationsMap().entrySet().stream())
                    .filter(entry -> security.protectReads() || !READS.contains(entry.getKey()))
                    .map(entry -> entry.getValue())
                    .forEach(
                            operation -> {
                                operation.addSecurityItem(
                                        new SecurityRequirement().addList(BEARER));
                                operation.getResponses().addApiResponse("401", unauthorized);
                            });
        };
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        PROBLEM_JSON,
                        new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldProblem =
                new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema())
                        .addProperty("rejected", new StringSchema().nullable(true));
        return new ObjectSchema()
                .description("An RFC 9457 problem")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .example("urn:gan-service:problem:invalid-parameter"))
                .addProperty("title", new StringSchema().example("Invalid request parameter"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty(
                        "detail",
                        new StringSchema().example("epochs must be between 1 and 1000; got 0."))
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty(
                        "field", new StringSchema().description("the first request field at fault"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(fieldProblem)
                                .description("every request field at fault"));
    }
}
