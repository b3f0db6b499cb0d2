package io.taskforge.server.auth;

import io.taskforge.auth.AuthStore;
import io.taskforge.auth.Membership;
import io.taskforge.auth.NameTakenException;
import io.taskforge.auth.Role;
import io.taskforge.auth.Tenant;
import io.taskforge.auth.User;
import io.taskforge.server.config.TaskforgeProperties;
import io.taskforge.task.TaskIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The first start of a server with no user: creates {@code admin}, a superadmin and ADMIN of the
 * {@code default} tenant, with the password of {@code TASKFORGE_ADMIN_PASSWORD} (or {@code
 * taskforge.security.admin-password}); without one, with a random password that is logged once
 * and written to {@code <data-dir>/initial-admin-password}, readable by its owner only. Runs before
 * the server takes requests; only servers do it, not worker processes.
 */
@Component
@ConditionalOnWebApplication
class FirstAdmin implements InitializingBean {
    static final String NAME = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AuthStore store;
    private final Passwords passwords;
    private final SecurityProperties security;
    private final TaskforgeProperties properties;
    private final Environment environment;

    FirstAdmin(
            AuthStore store,
            Passwords passwords,
            SecurityProperties security,
            TaskforgeProperties properties,
            Environment environment) {
        this.store = store;
        this.passwords = passwords;
        this.security = security;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        if (store.userCount() > 0) {
            return;
        }
        String given = security.adminPassword();
        if (given == null || given.isEmpty()) {
            // TASKFORGE_ADMIN_PASSWORD, by Spring's relaxed binding of environment variables.
            given = environment.getProperty("taskforge.admin-password");
        }
        boolean generated = given == null || given.isEmpty();
        String password = generated ? SecretTokens.newPassword() : given;
        String problem = Passwords.problemWith(password);
        if (problem != null) {
            throw new IllegalStateException("TASKFORGE_ADMIN_PASSWORD " + problem);
        }
        Instant now = Instant.now();
        User admin;
        try {
            admin = store.userCreate(new User(
                    TaskIds.next(now.toEpochMilli()),
                    NAME,
                    "Administrator",
                    passwords.hash(password),
                    true,
                    false,
                    now,
                    now,
                    now));
        } catch (NameTakenException e) {
            return; // another server of the cluster created it first
        }
        store.membershipPut(new Membership(Tenant.DEFAULT, admin.id(), Role.ADMIN, now));
        if (generated) {
            Path file = writePasswordFile(password);
            log.warn(
                    "Created the first user '{}' with the password {} (shown this once{}). Sign in with"
                            + " `taskforge login` and change it with `taskforge passwd`.",
                    NAME,
                    password,
                    file == null ? "" : "; also written to " + file);
        } else {
            log.info("Created the first user '{}' with the password from TASKFORGE_ADMIN_PASSWORD", NAME);
        }
    }

    private Path writePasswordFile(String password) {
        Path file = properties.dataDir().toAbsolutePath().normalize().resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (FileAlreadyExistsException e) {
            return null;
        } catch (IOException e) {
            log.warn("could not write {}: {}", file, e.getMessage());
            return null;
        }
    }
}
