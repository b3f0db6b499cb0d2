package io.taskforge.server.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The title of the OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}),
 * and its one security scheme: a bearer credential on every operation (sign-in and refresh declare
 * none).
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Taskforge API",
                        version = "v1",
                        description = "Tasks and tags of a Taskforge server. Errors are application/problem+json"
                                + " (RFC 9457); validation problems list the rejected fields in `errors`. Send"
                                + " `Authorization: Bearer <access token or API key>`; get an access token from"
                                + " POST /api/v1/auth/login. `X-Taskforge-Tenant` names the tenant to act in."),
        security = @SecurityRequirement(name = OpenApiConfiguration.BEARER))
@SecurityScheme(
        name = OpenApiConfiguration.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "An access token from /api/v1/auth/login, or an API key (tfk_...)")
class OpenApiConfiguration {
    static final String BEARER = "bearer";
}
