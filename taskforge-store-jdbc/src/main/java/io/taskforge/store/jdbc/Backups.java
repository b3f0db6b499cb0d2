package io.taskforge.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Consistent copies of a live store, made while servers and workers go on using it (the {@code
 * taskforge backup} command). Each database has its own way ({@link SqliteBackup}, {@link
 * PgDumpBackup}); what they share is here: the backup is written to a hidden file next to the target
 * and renamed into place only once it is complete and on disk, so a failed or interrupted backup
 * never leaves a half-written file under the target's name, and an existing file is replaced only
 * when asked.
 */
final class Backups {
    private Backups() {}

    /** One way of copying a database into a file that does not exist yet. */
    interface Method {
        /** Fails with {@link BackupException} when the backup cannot even start. */
        void check();

        /** Writes the backup to {@code file}, which does not exist. */
        void writeTo(Path file);

        String description();

        String restoreHint(Path file);
    }

    static BackupResult backup(String jdbcUrl, Path target, boolean overwrite) {
        return backup(methodFor(jdbcUrl), target, overwrite);
    }

    static Method methodFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return new SqliteBackup(jdbcUrl);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new PgDumpBackup(jdbcUrl, System.getenv("PATH"));
        }
        throw new IllegalArgumentException("cannot back up this database (use jdbc:sqlite: or jdbc:postgresql:)");
    }

    static BackupResult backup(Method method, Path target, boolean overwrite) {
        Path file = target.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new BackupException(BackupException.Reason.TARGET_EXISTS, file + " is a directory; name a file");
        }
        if (!overwrite && Files.exists(file)) {
            throw new BackupException(BackupException.Reason.TARGET_EXISTS, file + " exists already");
        }
        method.check();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Reason.FAILED, "cannot create the directory " + file.getParent(), e);
        }
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial-"
                + UUID.randomUUID().toString().substring(0, 8));
        try {
            method.writeTo(partial);
            forceToDisk(partial);
            place(partial, file, overwrite);
            return new BackupResult(file, Files.size(file), method.description(), method.restoreHint(file));
        } catch (IOException e) {
            throw new BackupException(BackupException.Reason.FAILED, "writing " + file + " failed: " + e, e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** A rename is atomic only for what reached the disk; without this a crash could leave a torn file. */
    private static void forceToDisk(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void place(Path partial, Path file, boolean overwrite) throws IOException {
        if (overwrite) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        try {
            // Without REPLACE_EXISTING the move refuses a file that appeared since the check above.
            Files.move(partial, file);
        } catch (FileAlreadyExistsException e) {
            throw new BackupException(BackupException.Reason.TARGET_EXISTS, file + " exists already", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the partial backup " + file, e);
        }
    }
}
