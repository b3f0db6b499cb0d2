package io.taskforge.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random bearer secrets (API keys, refresh tokens) and their stored form. Each carries 256 random
 * bits, so a SHA-256 of it is safe to store and cheap to look up on every request; a prefix says
 * what it is, which also lets secret scanners recognise a leaked key.
 */
final class SecretTokens {
    static final String API_KEY_PREFIX = "tfk_";
    static final String REFRESH_PREFIX = "tfr_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    static String newApiKey() {
        return API_KEY_PREFIX + random(32);
    }

    static String newRefreshToken() {
        return REFRESH_PREFIX + random(32);
    }

    /** A password for the first administrator: 20 characters from a 62-letter alphabet (119 bits). */
    static String newPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static String random(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    static String hash(String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What a list shows of a key: its first characters after the prefix. */
    static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), API_KEY_PREFIX.length() + 6));
    }
}
