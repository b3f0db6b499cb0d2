package io.taskforge.server.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.context.annotation.Configuration;

/** The title of the OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Taskforge API",
                        version = "v1",
                        description = "Tasks and tags of a Taskforge server. Errors are application/problem+json"
                                + " (RFC 9457); validation problems list the rejected fields in `errors`."))
class OpenApiConfiguration {}
