package io.taskforge.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every dialect has the same migrations: a schema change written for one must be written for all. */
class MigrationsTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

    @Test
    void every_dialect_has_the_same_migration_versions() throws Exception {
        Set<String> sqlite = versions("sqlite");
        Set<String> postgresql = versions("postgresql");

        assertThat(sqlite).isNotEmpty();
        assertThat(postgresql).isEqualTo(sqlite);
    }

    /**
     * Versions taken by work on other branches that has not landed yet: a branch may skip them, no
     * other. Empty this once the branches are merged.
     */
    private static final Set<Integer> RESERVED = Set.of(11);

    @Test
    void versions_count_up_from_one_without_gaps() throws Exception {
        Set<Integer> numbers = new TreeSet<>();
        for (String v : versions("sqlite")) {
            numbers.add(Integer.parseInt(v));
        }
        int expected = 1;
        for (int n : numbers) {
            while (expected < n && RESERVED.contains(expected) && !numbers.contains(expected)) {
                expected++;
            }
            assertThat(n).isEqualTo(expected++);
        }
    }

    /** Version numbers of a dialect's folder; fails on files that Flyway would not pick up. */
    private static Set<String> versions(String dialect) throws IOException, URISyntaxException {
        URL url = MigrationsTest.class.getClassLoader().getResource(Migrations.LOCATION_ROOT + dialect);
        assertThat(url).as("migration folder of %s", dialect).isNotNull();
        Set<String> versions = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            for (Path file : files.toList()) {
                Matcher m = VERSIONED.matcher(file.getFileName().toString());
                assertThat(m.matches())
                        .as("%s/%s is named V<n>__<name>.sql", dialect, file.getFileName())
                        .isTrue();
                assertThat(versions.add(m.group(1)))
                        .as("version %s once", m.group(1))
                        .isTrue();
            }
        }
        return versions;
    }
}
