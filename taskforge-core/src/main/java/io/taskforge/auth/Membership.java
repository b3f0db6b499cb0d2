package io.taskforge.auth;

import java.time.Instant;

/** A user's role in one tenant. */
public record Membership(String tenantId, String userId, Role role, Instant createdAt) {}
