package io.taskforge.server.config;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/** HTTP details of the API: request size limits, JSON answers and the path rules for tag names. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> taskforgeRequestSizeLimit(
            TaskforgeProperties properties, JsonMapper json) {
        TaskforgeProperties.Api api = properties.api();
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(
                api.maxRequestSize().toBytes(), api.maxBatchRequestSize().toBytes(), json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * JSON answers carry their length (see {@link SizedJsonHttpMessageConverter}). Set in the JSON
     * converter's own place, after Boot's customizer put the plain one there: a converter bean would
     * be added ahead of every other, and would then write a controller's String answers (the OpenAPI
     * document, YAML) as JSON strings.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer taskforgeSizedJson(JsonMapper json) {
        return builder -> builder.withJsonConverter(new SizedJsonHttpMessageConverter(json));
    }

    /**
     * Tag names may contain a slash ("team/etl"), which clients send as {@code %2F} in
     * {@code /tags/{name}}. Tomcat rejects an encoded slash by default; passing it through leaves the
     * segment intact, and Spring MVC decodes it into the path variable after matching.
     */
    @Bean
    TomcatConnectorCustomizer taskforgeEncodedSlashes() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}
