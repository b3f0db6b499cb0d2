package io.taskforge.server.auth;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing with BCrypt (Spring Security's encoder). Checking a name that has no user still
 * costs one BCrypt comparison, so the answer time does not tell which names exist.
 */
final class Passwords {
    static final int STRENGTH = 10;
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 72; // BCrypt reads no further than 72 bytes

    private final PasswordEncoder encoder;
    private final String dummyHash;

    Passwords(PasswordEncoder encoder) {
        this.encoder = encoder;
        this.dummyHash = encoder.encode(SecretTokens.newPassword());
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    /** Whether {@code password} matches {@code hash}; a null hash (no such user) never matches. */
    boolean matches(String password, String hash) {
        if (password == null) {
            return false;
        }
        if (hash == null) {
            encoder.matches(password, dummyHash);
            return false;
        }
        return encoder.matches(password, hash);
    }

    /** Null when acceptable, else why not. */
    static String problemWith(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must have at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return "must have at most " + MAX_LENGTH + " bytes";
        }
        return null;
    }
}
