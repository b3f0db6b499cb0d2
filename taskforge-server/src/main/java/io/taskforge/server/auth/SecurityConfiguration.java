package io.taskforge.server.auth;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Sign-in for the API: stateless bearer credentials (access tokens and API keys, no sessions and
 * so no CSRF surface), the access matrix of {@link AccessRules}, per-caller rate limits, and
 * problem+json answers for 401, 403 and 429.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {
    /**
     * Spring Security's default firewall with one allowance: tag and queue names may hold "/",
     * sent percent-encoded as %2F in a path segment. The connector passes %2F through undecoded,
     * so the servlet path then holds a "%" too, which the firewall must also let by. The access
     * rules match whole path prefixes (/api/v1/tags/**), so a name's content cannot change which
     * rule applies.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }

    /**
     * No Micrometer observations of the security filter chain: they wrapped each of its dozen
     * filters in an observation with start, event and stop, a fifth of a {@code GET /tasks/{id}}'s
     * CPU (JFR under wrk). Requests are still observed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            SecurityProperties properties,
            AccessTokens tokens,
            AccessCache cache,
            ApiKeyUsage usage,
            AuthProblems problems)
            throws Exception {
        BearerTokenFilter bearer =
                new BearerTokenFilter(new CallerResolver(tokens, cache, usage, Clock.systemUTC()), problems);
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Nothing here asks the servlet request for its user or roles.
                .servletApi(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(rules -> AccessRules.apply(rules, cache))
                // Before the exception translation, so a refusal further on still sees who asked.
                .addFilterBefore(bearer, ExceptionTranslationFilter.class);
        if (properties.rateLimit().enabled()) {
            http.addFilterAfter(new RateLimitFilter(properties.rateLimit(), problems), BearerTokenFilter.class);
        }
        return http.build();
    }
}
