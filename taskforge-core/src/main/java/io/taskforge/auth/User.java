package io.taskforge.auth;

import java.time.Instant;

/**
 * A person who signs in. The password is kept only as a hash made by the server's password
 * encoder; no API returns it.
 *
 * @param superadmin whether the user manages tenants and users and acts as ADMIN in every tenant
 * @param disabled whether sign-in and the user's tokens and keys are refused
 */
public record User(
        String id,
        String name,
        String displayName,
        String passwordHash,
        boolean superadmin,
        boolean disabled,
        Instant createdAt,
        Instant updatedAt,
        Instant passwordChangedAt) {}
