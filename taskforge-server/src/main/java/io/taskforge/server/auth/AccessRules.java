package io.taskforge.server.auth;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.taskforge.auth.Role;
import jakarta.servlet.DispatcherType;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may call what: the whole access matrix of the API in one place, first match wins. A role
 * is the least one needed in the caller's tenant (ADMIN includes OPERATOR includes VIEWER); a
 * superadmin passes every role check. Reading is VIEWER; submitting, cancelling, retrying and
 * running is OPERATOR; managing scripts, pipelines, schedules, members and keys is ADMIN;
 * tenants, users and queue settings (shared by all tenants) are the superadmin's. Public: sign-in, health, the API document and the
 * console's static files (they hold no data; the console signs in through the API).
 */
final class AccessRules {
    private AccessRules() {}

    static void apply(
            AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules, AccessCache cache) {
        rules.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                .permitAll()
                // public
                .requestMatchers(POST, "/api/v1/auth/login", "/api/v1/auth/refresh")
                .permitAll()
                .requestMatchers(GET, "/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll()
                // any signed-in caller, for themselves
                .requestMatchers("/api/v1/auth/**")
                .authenticated()
                // the whole server
                .requestMatchers("/api/v1/tenants", "/api/v1/tenants/**", "/api/v1/users", "/api/v1/users/**")
                .access(superadmin())
                // tenant administration
                .requestMatchers("/api/v1/audit", "/api/v1/audit/**")
                .access(role(Role.ADMIN))
                .requestMatchers("/api/v1/members", "/api/v1/members/**", "/api/v1/api-keys", "/api/v1/api-keys/**")
                .access(role(Role.ADMIN))
                // running things that admins define
                .requestMatchers(POST, "/api/v1/scripts/*/run", "/api/v1/pipelines/*/runs")
                .access(role(Role.OPERATOR))
                .requestMatchers(POST, "/api/v1/schedules/*/trigger", "/api/v1/queues/*/retry-failed")
                .access(role(Role.OPERATOR));
        for (HttpMethod change : new HttpMethod[] {POST, PUT, PATCH, DELETE}) {
            // Scripts are code the server runs: ADMINs write them, OPERATORs too where the tenant says so.
            rules.requestMatchers(change, "/api/v1/scripts", "/api/v1/scripts/**")
                    .access(codeWriter(cache));
            rules.requestMatchers(
                            change,
                            "/api/v1/pipelines",
                            "/api/v1/pipelines/**",
                            "/api/v1/schedules",
                            "/api/v1/schedules/**")
                    .access(role(Role.ADMIN));
            // A queue's pause and limits hold for every tenant's tasks in it: a server-wide setting.
            rules.requestMatchers(change, "/api/v1/queues", "/api/v1/queues/**").access(superadmin());
        }
        rules.requestMatchers(GET, "/api/**")
                .access(role(Role.VIEWER))
                .requestMatchers("/api/**")
                .access(role(Role.OPERATOR))
                .requestMatchers("/actuator/**")
                .access(role(Role.VIEWER))
                .anyRequest()
                .permitAll();
    }

    /** At least {@code required} in the caller's tenant. */
    static AuthorizationManager<RequestAuthorizationContext> role(Role required) {
        return allow(caller -> caller.may(required));
    }

    /** ADMIN, or OPERATOR in a tenant that lets its operators write code ({@code operatorCode}). */
    static AuthorizationManager<RequestAuthorizationContext> codeWriter(AccessCache cache) {
        return allow(caller -> CodePermission.mayWriteCode(caller, cache));
    }

    static AuthorizationManager<RequestAuthorizationContext> superadmin() {
        return allow(Caller::superadmin);
    }

    /** Grants an authenticated caller that {@code test} accepts; anyone else is refused. */
    private static AuthorizationManager<RequestAuthorizationContext> allow(Predicate<Caller> test) {
        return new AuthorizationManager<>() {
            @Override
            public AuthorizationResult authorize(
                    Supplier<? extends Authentication> auth, RequestAuthorizationContext context) {
                return new AuthorizationDecision(
                        auth.get() instanceof CallerAuthentication ca && test.test(ca.caller()));
            }
        };
    }
}
