package io.taskforge.server.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * History-mode routing: the console's router owns paths like {@code /tasks/abc}, which exist as
 * no file. A browser opening one (a bookmark, a reload) gets {@code index.html}, and the router
 * draws the page. Only page navigations qualify: GET or HEAD, accepting {@code text/html}, a last
 * segment without a dot (a missing {@code app.js} stays a 404), outside the server's own
 * prefixes (an unknown {@code /api/...} path stays a problem+json 404).
 */
final class ConsoleFallbackResolver extends PathResourceResolver {
    private static final String INDEX = "index.html";
    private static final Set<String> SERVER_PREFIXES = Set.of("api", "actuator", "v3", "swagger-ui", "assets", "error");

    @Override
    protected Resource resolveResourceInternal(
            HttpServletRequest request,
            String requestPath,
            List<? extends Resource> locations,
            ResourceResolverChain chain) {
        Resource found =
                requestPath.isEmpty() ? null : super.resolveResourceInternal(request, requestPath, locations, chain);
        if (found != null || request == null || !isPageNavigation(request, requestPath)) {
            return found;
        }
        return super.resolveResourceInternal(request, INDEX, locations, chain);
    }

    static boolean isPageNavigation(HttpServletRequest request, String path) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        if (SERVER_PREFIXES.contains(first) || first.startsWith("swagger-ui")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".") && acceptsHtml(request.getHeader("Accept"));
    }

    /** An explicit text/html: a wildcard alone (curl, API clients) is not a browser asking for a page. */
    static boolean acceptsHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(m -> MediaType.TEXT_HTML.equalsTypeAndSubtype(m) && m.getQualityValue() > 0);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
