package io.taskforge.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Names the action of a request after the handler method that served it (or would have), as
 * {@link Audited} describes. Names are worked out once per handler method and cached: the hot path
 * pays a map lookup.
 */
final class AuditActions {
    /**
     * @param name the action, {@code task.cancel}
     * @param targetType what the path variables name
     * @param recorded false for endpoints left out of the log
     */
    record Action(String name, String targetType, boolean recorded) {}

    private final Supplier<HandlerMapping> mapping;
    private final Map<Method, Action> byMethod = new ConcurrentHashMap<>();

    /**
     * @param mapping the application's request mappings (null when there are none), to find the
     *     handler of a request refused before it reached one
     */
    AuditActions(Supplier<HandlerMapping> mapping) {
        this.mapping = mapping;
    }

    /** The action of the handler that served the request, or would have; null when no handler matches. */
    Action of(HttpServletRequest request) {
        HandlerMethod handler = handler(request);
        return handler == null ? null : byMethod.computeIfAbsent(handler.getMethod(), m -> derive(handler));
    }

    private HandlerMethod handler(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod h) {
            return h;
        }
        HandlerMapping handlers = mapping.get();
        if (handlers == null) {
            return null;
        }
        // Refused before Spring MVC matched it (by a security filter, say): match it now, which also
        // sets the path variables. A method the route does not serve throws: there is no handler.
        try {
            if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            HandlerExecutionChain chain = handlers.getHandler(request);
            return chain != null && chain.getHandler() instanceof HandlerMethod h ? h : null;
        } catch (Exception e) {
            return null;
        }
    }

    static Action derive(HandlerMethod handler) {
        Audited onClass = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Audited.class);
        Audited onMethod = handler.getMethodAnnotation(Audited.class);
        String resource = first(onMethod == null ? "" : onMethod.resource(), onClass == null ? "" : onClass.resource());
        if (resource.isEmpty()) {
            String type = handler.getBeanType().getSimpleName();
            resource = snake(
                    type.endsWith("Controller") ? type.substring(0, type.length() - "Controller".length()) : type);
        }
        String action = onMethod == null ? "" : onMethod.action();
        if (action.isEmpty()) {
            action = resource + "." + snake(handler.getMethod().getName());
        }
        String targetType =
                first(onMethod == null ? "" : onMethod.targetType(), onClass == null ? "" : onClass.targetType());
        boolean recorded = (onMethod == null || onMethod.recorded()) && (onClass == null || onClass.recorded());
        return new Action(action, targetType.isEmpty() ? resource : targetType, recorded);
    }

    /** {@code PipelineRun} → {@code pipeline_run}, {@code retryFailed} → {@code retry_failed}. */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static String first(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}
