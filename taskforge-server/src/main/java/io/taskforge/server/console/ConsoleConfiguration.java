package io.taskforge.server.console;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the web console (taskforge-console's jar puts it under {@code static/}) at {@code /}.
 * Vite names every file under {@code /assets/} by a hash of its content, so those may be cached
 * for a year; everything else, {@code index.html} above all, is revalidated on each load so a
 * new server version reaches browsers at once. Page routes of the console's router answer {@code
 * index.html} ({@link ConsoleFallbackResolver}).
 *
 * <p>Spring Boot's own static mapping is off ({@code spring.web.resources.add-mappings=false}):
 * it would claim {@code /**} first, without the fallback or these cache rules.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {
    static final String LOCATION = "classpath:/static/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(LOCATION + "assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(false)
                .addResolver(new ConsoleFallbackResolver());
    }
}
