package io.taskforge.server.auth;

import io.taskforge.auth.AuthStore;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * What sign-in needs, in every kind of process: password hashing, tokens, the caches of who may
 * do what, and the limits on guessing. The web filter chain is {@link SecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class AuthConfiguration {

    @Bean
    Passwords passwords() {
        return new Passwords(new BCryptPasswordEncoder(Passwords.STRENGTH));
    }

    @Bean
    AccessTokens accessTokens(SecurityProperties properties, AuthStore store) {
        return new AccessTokens(properties, store, Clock.systemUTC());
    }

    @Bean
    AccessCache accessCache(SecurityProperties properties, AuthStore store) {
        return new AccessCache(store, properties.cacheTtl());
    }

    /** Notes when keys are used; writes it once a minute and at shutdown. */
    @Bean(destroyMethod = "close")
    ApiKeyUsage apiKeyUsage(AuthStore store) {
        return new ApiKeyUsage(store, Clock.systemUTC()).start();
    }

    @Bean
    TokenPairs tokenPairs(AccessTokens tokens, AuthStore store, SecurityProperties properties) {
        return new TokenPairs(tokens, store, properties.refreshTokenTtl(), Clock.systemUTC());
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties) {
        return new LoginThrottle(properties.loginLimit());
    }

    @Bean
    AuthProblems authProblems(JsonMapper json) {
        return new AuthProblems(json);
    }
}
