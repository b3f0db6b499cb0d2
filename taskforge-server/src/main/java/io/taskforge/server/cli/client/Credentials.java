package io.taskforge.server.cli.client;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sessions {@code taskforge login} stored, one per server URL, in {@code credentials.json} of
 * the user's config directory ({@code TASKFORGE_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/taskforge},
 * else {@code ~/.config/taskforge}). The file is readable by its owner only (mode 600) and replaced
 * atomically, so a crash never leaves half a file.
 */
final class Credentials {
    static final String FILE = "credentials.json";

    /** One server's session. */
    record Session(String user, String accessToken, Instant expiresAt, String refreshToken, String tenant) {}

    private final Path file;
    private final JsonMapper json;

    Credentials(Path directory, JsonMapper json) {
        this.file = directory.resolve(FILE);
        this.json = json;
    }

    static Path defaultDirectory() {
        String explicit = System.getenv("TASKFORGE_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("taskforge");
    }

    Path file() {
        return file;
    }

    Optional<Session> get(String server) {
        JsonNode s = read().path("servers").path(server);
        if (!s.isObject() || s.path("accessToken").asString("").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Session(
                Json.text(s, "user"),
                Json.text(s, "accessToken"),
                s.hasNonNull("expiresAt") ? Instant.parse(s.get("expiresAt").asString()) : Instant.EPOCH,
                Json.text(s, "refreshToken"),
                Json.text(s, "tenant")));
    }

    void put(String server, Session session) {
        ObjectNode root = read();
        ObjectNode servers = root.has("servers") && root.get("servers").isObject()
                ? (ObjectNode) root.get("servers")
                : root.putObject("servers");
        ObjectNode s = servers.putObject(server);
        s.put("user", session.user());
        s.put("accessToken", session.accessToken());
        s.put("expiresAt", session.expiresAt().toString());
        s.put("refreshToken", session.refreshToken());
        if (session.tenant() != null) {
            s.put("tenant", session.tenant());
        }
        write(root);
    }

    /** False when there was no session for the server. */
    boolean remove(String server) {
        ObjectNode root = read();
        JsonNode servers = root.path("servers");
        if (!servers.isObject() || !servers.has(server)) {
            return false;
        }
        ((ObjectNode) servers).remove(server);
        write(root);
        return true;
    }

    private ObjectNode read() {
        if (!Files.isRegularFile(file)) {
            return json.createObjectNode();
        }
        try {
            JsonNode root = json.readTree(Files.readString(file));
            return root instanceof ObjectNode o ? o : json.createObjectNode();
        } catch (IOException | JacksonException e) {
            throw new CliException(
                    ExitCodes.USAGE, "cannot read " + file + " (" + e.getMessage() + "); delete it and log in again");
        }
    }

    private void write(ObjectNode root) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(
                    dir,
                    ".credentials",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
