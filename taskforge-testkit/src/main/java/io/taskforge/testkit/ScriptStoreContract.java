package io.taskforge.testkit;

import static io.taskforge.testkit.ScriptFixtures.aScript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.script.Script;
import io.taskforge.script.ScriptLanguage;
import io.taskforge.script.ScriptNameTakenException;
import io.taskforge.script.ScriptStore;
import io.taskforge.script.ScriptUpdate;
import io.taskforge.script.ScriptVersion;
import io.taskforge.script.ScriptVersionSummary;
import io.taskforge.store.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ScriptStore} must show, as one JUnit suite each store runs:
 *
 * <pre>{@code
 * class SqliteScriptStoreTest extends ScriptStoreContract {
 *     @TempDir Path dir;
 *
 *     protected TaskStore createStore() { return JdbcStores.sqlite(dir.resolve("tasks.db")); }
 *     protected ScriptStore scriptStore(TaskStore store) { return JdbcStores.scripts(store); }
 * }
 * }</pre>
 *
 * Scripts are kept beside the tasks, so each test opens a task store on an empty database with
 * {@link #createStore()}, takes its scripts from {@link #scriptStore}, and closes the task store
 * afterwards. Time is {@link #clock}; stores take {@code now} as a parameter.
 */
public abstract class ScriptStoreContract {
    /** The tenant fixtures are made in. */
    static final String TENANT = "default";
    /** The time the tests pass as {@code now}. */
    protected final SettableClock clock = new SettableClock();

    private TaskStore tasks;
    private ScriptStore scripts;

    /** A task store on an empty database, which the suite closes after the test. */
    protected abstract TaskStore createStore();

    /** The scripts kept with {@code store}. */
    protected abstract ScriptStore scriptStore(TaskStore store);

    @BeforeEach
    final void openStore() {
        tasks = createStore();
        scripts = scriptStore(tasks);
    }

    @AfterEach
    final void closeStore() {
        if (tasks != null) {
            tasks.close();
        }
    }

    private ScriptStore store() {
        return scripts;
    }

    private Instant now() {
        return clock.instant();
    }

    private Script insert(ScriptFixtures.ScriptBuilder script) {
        return store().scriptInsert(script.createdAt(now()).build());
    }

    /** A change of nothing but what the caller sets on it. */
    private Change change(Script s) {
        return new Change(s.id());
    }

    private final class Change {
        private final String id;
        private String name;
        private String description;
        private ScriptLanguage language;
        private String content;
        private String parameters;
        private String queue;
        private Integer timeoutSeconds;
        private Integer maxAttempts;

        Change(String id) {
            this.id = id;
        }

        Change name(String v) {
            name = v;
            return this;
        }

        Change description(String v) {
            description = v;
            return this;
        }

        Change language(ScriptLanguage v) {
            language = v;
            return this;
        }

        Change content(String v) {
            content = v;
            return this;
        }

        Change parameters(String v) {
            parameters = v;
            return this;
        }

        Change queue(String v) {
            queue = v;
            return this;
        }

        Change timeoutSeconds(int v) {
            timeoutSeconds = v;
            return this;
        }

        Change maxAttempts(int v) {
            maxAttempts = v;
            return this;
        }

        Script apply() {
            return store().scriptUpdate(update()).orElseThrow(() -> new AssertionError("script " + id + " is gone"));
        }

        ScriptUpdate update() {
            return new ScriptUpdate(
                    id, name, description, language, content, parameters, queue, timeoutSeconds, maxAttempts, now());
        }
    }

    // ---- storing and reading ----------------------------------------------------------------------

    @Test
    void each_tenant_sees_only_its_own_scripts_by_name_and_in_lists() {
        Script mine = insert(aScript().named("report"));
        Script theirs = insert(aScript().named("report").inTenant("other"));
        insert(aScript().named("zeta").inTenant("other"));

        assertThat(store().scriptGetByName(TENANT, "report")).contains(mine);
        assertThat(store().scriptGetByName("other", "report")).contains(theirs);
        assertThat(store().scriptGetByName("nobody", "report")).isEmpty();
        assertThat(store().scriptList(TENANT, null, 10)).containsExactly(mine);
        assertThat(store().scriptList("other", null, 10))
                .extracting(Script::name)
                .containsExactly("report", "zeta");
        assertThat(store().scriptGet(theirs.id()))
                .get()
                .extracting(Script::tenantId)
                .isEqualTo("other");
    }

    @Test
    void inserts_a_script_and_reads_it_back_by_id_and_by_name() {
        Script built = aScript()
                .named("nightly-report")
                .withDescription("the numbers of the day")
                .inPython()
                .withContent("import sys, json\nprint(json.load(sys.stdin))\n")
                .withParameters("{\"type\":\"object\",\"required\":[\"day\"]}")
                .inQueue("reports")
                .withTimeoutSeconds(60)
                .withMaxAttempts(2)
                .createdAt(now())
                .build();

        Script stored = store().scriptInsert(built);

        assertThat(stored).isEqualTo(built);
        assertThat(store().scriptGet(built.id())).contains(built);
        assertThat(store().scriptGet(built.id().toUpperCase(Locale.ROOT))).contains(built);
        assertThat(store().scriptGetByName(TENANT, "nightly-report")).contains(built);
    }

    @Test
    void stores_version_one_with_the_script() {
        Script s = insert(aScript().named("a").withContent("echo one"));

        assertThat(store().scriptVersionList(s.id()))
                .containsExactly(new ScriptVersionSummary(1, ScriptLanguage.BASH, now()));
        assertThat(store().scriptVersionGet(s.id(), 1))
                .contains(new ScriptVersion(s.id(), 1, ScriptLanguage.BASH, "echo one", s.parameters(), now()));
        assertThat(store().scriptVersionGet(s.id(), 2)).isEmpty();
    }

    @Test
    void keeps_content_and_schema_text_exactly_as_given() {
        String content = "#!/bin/sh\r\necho 'grüße ✓ 😀'\n\ttabbed\n" + "x".repeat(1 << 20);
        String schema = "{ \"type\" : \"object\",\n  \"properties\": {\"b\": {}, \"a\": {\"default\": 1.50}} }";

        Script s = insert(aScript().named("exact").withContent(content).withParameters(schema));

        Script read = store().scriptGet(s.id()).orElseThrow();
        assertThat(read.content()).isEqualTo(content);
        assertThat(read.parameters()).isEqualTo(schema);
        assertThat(store().scriptVersionGet(s.id(), 1).orElseThrow().content()).isEqualTo(content);
    }

    @Test
    void a_name_held_by_an_undeleted_script_cannot_be_taken_again() {
        Script first = insert(aScript().named("report"));

        assertThatThrownBy(() -> insert(aScript().named("report").withContent("echo other")))
                .isInstanceOf(ScriptNameTakenException.class)
                .hasMessageContaining("report");

        assertThat(store().scriptList(TENANT, null, 10)).containsExactly(first);
    }

    @Test
    void names_are_case_sensitive() {
        insert(aScript().named("report"));
        insert(aScript().named("Report"));

        assertThat(store().scriptGetByName(TENANT, "REPORT")).isEmpty();
        assertThat(store().scriptList(TENANT, null, 10))
                .extracting(Script::name)
                .containsExactly("Report", "report");
    }

    @Test
    void lists_scripts_by_name_a_page_at_a_time() {
        for (String name : List.of("delta", "alpha", "Charlie", "bravo-2", "bravo", "echo.1", "0-first")) {
            insert(aScript().named(name));
        }

        assertThat(store().scriptList(TENANT, null, 3))
                .extracting(Script::name)
                .containsExactly("0-first", "Charlie", "alpha");
        assertThat(store().scriptList(TENANT, "alpha", 3))
                .extracting(Script::name)
                .containsExactly("bravo", "bravo-2", "delta");
        assertThat(store().scriptList(TENANT, "delta", 3))
                .extracting(Script::name)
                .containsExactly("echo.1");
        assertThat(store().scriptList(TENANT, "echo.1", 3)).isEmpty();
    }

    @Test
    void ids_that_are_not_well_formed_match_nothing() {
        insert(aScript().named("a"));

        assertThat(store().scriptGet("not-an-id")).isEmpty();
        assertThat(store().scriptGet(null)).isEmpty();
        assertThat(store().scriptGetByName(TENANT, null)).isEmpty();
        assertThat(store().scriptVersionList("x'; DROP TABLE tf_script; --")).isEmpty();
        assertThat(store().scriptVersionGet("nope", 1)).isEmpty();
        assertThat(store().scriptDelete("nope", now())).isEmpty();
        assertThat(store().scriptUpdate(new ScriptUpdate("nope", "b", null, null, null, null, null, null, null, now())))
                .isEmpty();
        assertThat(store().scriptList(TENANT, null, 10)).hasSize(1);
    }

    // ---- changing -----------------------------------------------------------------------------------

    @Test
    void a_new_content_makes_a_new_version_and_keeps_the_old_one() {
        Script v1 = insert(aScript().named("a").withContent("echo one"));
        Instant later = clock.advance(Duration.ofMinutes(5));

        Script v2 = change(v1).content("echo two").apply();

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.content()).isEqualTo("echo two");
        assertThat(v2.createdAt()).isEqualTo(v1.createdAt());
        assertThat(v2.updatedAt()).isEqualTo(later);
        assertThat(store().scriptGet(v1.id())).contains(v2);
        assertThat(store().scriptVersionGet(v1.id(), 1).orElseThrow().content()).isEqualTo("echo one");
        assertThat(store().scriptVersionGet(v1.id(), 2))
                .contains(new ScriptVersion(v1.id(), 2, ScriptLanguage.BASH, "echo two", v1.parameters(), later));
        assertThat(store().scriptVersionList(v1.id()))
                .containsExactly(
                        new ScriptVersionSummary(1, ScriptLanguage.BASH, v1.createdAt()),
                        new ScriptVersionSummary(2, ScriptLanguage.BASH, later));
    }

    @Test
    void a_new_language_or_parameter_schema_makes_a_new_version() {
        Script s = insert(aScript().named("a"));

        Script v2 = change(s).language(ScriptLanguage.SH).apply();
        Script v3 = change(s)
                .parameters("{\"type\":\"object\",\"required\":[\"x\"]}")
                .apply();

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.language()).isEqualTo(ScriptLanguage.SH);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.language()).isEqualTo(ScriptLanguage.SH);
        assertThat(v3.parameters()).isEqualTo("{\"type\":\"object\",\"required\":[\"x\"]}");
        assertThat(store().scriptVersionGet(s.id(), 2).orElseThrow().parameters())
                .isEqualTo(s.parameters());
    }

    @Test
    void other_changes_keep_the_version() {
        Script s = insert(aScript().named("a"));
        Instant later = clock.advance(Duration.ofSeconds(1));

        Script changed = change(s)
                .name("b")
                .description("now described")
                .queue("other")
                .timeoutSeconds(10)
                .maxAttempts(7)
                .content(s.content())
                .language(s.language())
                .parameters(s.parameters())
                .apply();

        assertThat(changed.version()).isEqualTo(1);
        assertThat(changed.name()).isEqualTo("b");
        assertThat(changed.description()).isEqualTo("now described");
        assertThat(changed.queue()).isEqualTo("other");
        assertThat(changed.timeoutSeconds()).isEqualTo(10);
        assertThat(changed.maxAttempts()).isEqualTo(7);
        assertThat(changed.updatedAt()).isEqualTo(later);
        assertThat(store().scriptVersionList(s.id())).hasSize(1);
        assertThat(store().scriptGetByName(TENANT, "a")).isEmpty();
        assertThat(store().scriptGetByName(TENANT, "b")).contains(changed);
    }

    @Test
    void renaming_to_a_taken_name_is_refused_and_changes_nothing() {
        insert(aScript().named("taken"));
        Script s = insert(aScript().named("mine").withContent("echo mine"));

        assertThatThrownBy(() -> change(s).name("taken").content("echo changed").apply())
                .isInstanceOf(ScriptNameTakenException.class);

        assertThat(store().scriptGet(s.id())).contains(s);
        assertThat(store().scriptVersionList(s.id())).hasSize(1);
    }

    @Test
    void concurrent_changes_of_one_script_make_consecutive_versions() throws Exception {
        Script s = insert(aScript().named("busy"));
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Script>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String content = "echo " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return change(s).content(content).apply();
                }));
            }
            start.countDown();
            List<Integer> versions = new ArrayList<>();
            for (Future<Script> r : results) {
                versions.add(r.get(60, TimeUnit.SECONDS).version());
            }
            assertThat(versions)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(2, writers + 1).boxed().toList());
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(store().scriptVersionList(s.id())).hasSize(writers + 1);
        assertThat(store().scriptGet(s.id()).orElseThrow().version()).isEqualTo(writers + 1);
    }

    // ---- deleting -------------------------------------------------------------------------------------

    @Test
    void deleting_hides_the_script_and_frees_its_name() {
        Script s = insert(aScript().named("old").withContent("echo old"));
        clock.advance(Duration.ofSeconds(1));

        assertThat(store().scriptDelete(s.id(), now())).contains(s);

        assertThat(store().scriptGet(s.id())).isEmpty();
        assertThat(store().scriptGetByName(TENANT, "old")).isEmpty();
        assertThat(store().scriptList(TENANT, null, 10)).isEmpty();
        assertThat(store().scriptVersionList(s.id())).isEmpty();
        assertThat(store().scriptDelete(s.id(), now())).isEmpty();
        assertThat(store().scriptUpdate(change(s).content("echo again").update()))
                .isEmpty();

        Script successor = insert(aScript().named("old").withContent("echo new"));
        assertThat(store().scriptGetByName(TENANT, "old")).contains(successor);
    }

    @Test
    void versions_of_a_deleted_script_stay_readable_for_the_tasks_pinned_to_them() {
        Script s = insert(aScript().named("gone").withContent("echo one"));
        change(s).content("echo two").apply();
        store().scriptDelete(s.id(), now());

        assertThat(store().scriptVersionGet(s.id(), 1).orElseThrow().content()).isEqualTo("echo one");
        assertThat(store().scriptVersionGet(s.id(), 2).orElseThrow().content()).isEqualTo("echo two");
    }
}
