package io.taskforge.server.auth;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.taskforge.auth.AuthStore;
import io.taskforge.auth.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Short-lived access tokens: JWTs signed with HMAC-SHA256 by Nimbus. The key is configured, or made
 * on first start and kept in the database so every server of a cluster signs and checks alike.
 * A token names its user and when it was issued; roles are not in it but read (and cached briefly)
 * per request, so a changed role or a disabled user takes effect within seconds, not at expiry.
 */
final class AccessTokens {
    static final String ISSUER = "taskforge";
    private static final String SECRET_NAME = "jwt-hs256";
    private static final String PASSWORD_CLAIM = "pwd";
    private static final int KEY_BYTES = 64;

    private final JwtEncoder encoder;
    private final JwtDecoder decoder;
    private final Duration ttl;
    private final Clock clock;

    AccessTokens(SecurityProperties properties, AuthStore store, Clock clock) {
        SecretKey key = key(properties.jwtSecret(), store);
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        this.ttl = properties.accessTokenTtl();
        this.clock = clock;
    }

    private static SecretKey key(String configured, AuthStore store) {
        byte[] bytes;
        if (configured != null && !configured.isBlank()) {
            try {
                bytes = Base64.getDecoder().decode(configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("taskforge.security.jwt-secret is not base64");
            }
            if (bytes.length < 32) {
                throw new IllegalStateException(
                        "taskforge.security.jwt-secret must hold at least 32 bytes (256 bits), has " + bytes.length);
            }
        } else {
            bytes = Base64.getDecoder()
                    .decode(store.secret(
                            SECRET_NAME,
                            () -> Base64.getEncoder().encodeToString(SecretTokens.randomBytes(KEY_BYTES))));
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** A signed token for {@code user}. */
    Issued issue(User user) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(user.id())
                .claim("name", user.name())
                // Which password this session was opened with: a token from before a change is refused.
                .claim(PASSWORD_CLAIM, user.passwordChangedAt().toEpochMilli())
                .issuedAt(now)
                .expiresAt(expires)
                .id(UUID.randomUUID().toString())
                .build();
        Jwt jwt = encoder.encode(
                JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims));
        return new Issued(jwt.getTokenValue(), expires, ttl);
    }

    /**
     * The user id and issue time of a valid token.
     *
     * @throws JwtException when the token is malformed, badly signed, expired or not ours
     */
    Verified verify(String token) {
        Jwt jwt = decoder.decode(token);
        if (!ISSUER.equals(jwt.getClaimAsString("iss")) || jwt.getSubject() == null || jwt.getIssuedAt() == null) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("not a Taskforge access token");
        }
        Object pwd = jwt.getClaims().get(PASSWORD_CLAIM);
        if (!(pwd instanceof Number n)) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("not a Taskforge access token");
        }
        return new Verified(jwt.getSubject(), jwt.getIssuedAt(), n.longValue());
    }

    record Issued(String token, Instant expiresAt, Duration ttl) {}

    /** A valid token's user, when it was issued, and the password change it was issued after (epoch ms). */
    record Verified(String userId, Instant issuedAt, long passwordChangedAt) {}
}
