package io.taskforge.server.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.taskforge.server.problem.ProblemSchema;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Every error answer of the API is problem+json ({@link ProblemSchema}): this says so once for the
 * whole OpenAPI document, so an endpoint only names its error codes, e.g. {@code @ApiResponse(
 * responseCode = "404", description = "no such task")}. An error response that names no problem+json
 * content gets it; springdoc would otherwise describe it with the method's return type, which is
 * never what an error answer holds.
 */
@Component
class ProblemResponses implements GlobalOperationComponentsCustomizer {
    // Springdoc's settings exist only where springdoc runs (not in a worker process): looked up on use.
    private final ObjectProvider<SpringDocConfigProperties> springdoc;

    ProblemResponses(ObjectProvider<SpringDocConfigProperties> springdoc) {
        this.springdoc = springdoc;
    }

    @Override
    public Operation customize(Operation operation, Components components, HandlerMethod handlerMethod) {
        if (operation.getResponses() == null) {
            return operation;
        }
        for (var entry : operation.getResponses().entrySet()) {
            ApiResponse response = entry.getValue();
            if (isError(entry.getKey())
                    && (response.getContent() == null
                            || !response.getContent().containsKey(ProblemSchema.MEDIA_TYPE))) {
                response.setContent(problemContent(components));
            }
        }
        return operation;
    }

    /** Not called: springdoc hands a {@link GlobalOperationComponentsCustomizer} the components. */
    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        return operation;
    }

    private static boolean isError(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }

    /** Adds the Problem schema to the components (once) and refers to it, as an annotation would. */
    private Content problemContent(Components components) {
        var schema = SpringDocAnnotationsUtils.extractSchema(
                components,
                ProblemSchema.class,
                null,
                null,
                springdoc.getObject().getSpecVersion());
        return new Content().addMediaType(ProblemSchema.MEDIA_TYPE, new MediaType().schema(schema));
    }
}
