package io.taskforge.testkit;

import static io.taskforge.testkit.TaskAssert.assertThatTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.store.TagExistsException;
import io.taskforge.task.Tag;
import io.taskforge.task.Task;
import io.taskforge.task.TaskQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tags: create, list with counts, recolour, delete (which takes them off tasks). */
abstract class TaggingContract extends StoreContractSupport {

    TaggingContract(TaskStoreContract contract) {
        super(contract);
    }

    @Test
    void creates_tags_and_lists_them_by_name() {
        Tag created = store().tagCreate(TENANT, "urgent", "#ff0000", now());
        store().tagCreate(TENANT, "billing", null, now());

        assertThat(created).isEqualTo(new Tag("urgent", "#ff0000", 0));
        assertThat(store().tagList(TENANT))
                .containsExactly(new Tag("billing", null, 0), new Tag("urgent", "#ff0000", 0));
    }

    @Test
    void a_taken_name_cannot_be_created_again() {
        store().tagCreate(TENANT, "urgent", null, now());
        insert(task().withTags("auto"));

        assertThatThrownBy(() -> store().tagCreate(TENANT, "urgent", "#000000", now()))
                .isInstanceOf(TagExistsException.class);
        assertThatThrownBy(() -> store().tagCreate(TENANT, "auto", null, now())).isInstanceOf(TagExistsException.class);
    }

    @Test
    void counts_undeleted_tasks_per_tag() {
        insert(task().withTags("a", "b"));
        insert(task().withTags("a"));
        Task gone = insert(task().withTags("a", "b"));
        store().taskDelete(gone.id(), false, now(), "alice");

        assertThat(store().tagList(TENANT)).containsExactly(new Tag("a", null, 2), new Tag("b", null, 1));
    }

    @Test
    void recolours_a_tag() {
        store().tagCreate(TENANT, "urgent", "#ff0000", now());
        insert(task().withTags("urgent"));

        assertThat(store().tagUpdate(TENANT, "urgent", "#00ff00")).contains(new Tag("urgent", "#00ff00", 1));
        assertThat(store().tagUpdate(TENANT, "missing", "#00ff00")).isEmpty();
    }

    @Test
    void deleting_a_tag_takes_it_off_every_task() {
        Task t = insert(task().withTags("keep", "drop"));

        assertThat(store().tagDelete(TENANT, "drop")).isTrue();

        assertThatTask(get(t)).hasTags("keep");
        assertThat(store().tagList(TENANT)).extracting(Tag::name).containsExactly("keep");
        assertThat(store().taskList(TaskQuery.builder().tags(List.of("drop")).build())
                        .items())
                .isEmpty();
        assertThat(store().tagDelete(TENANT, "drop")).isFalse();
    }
}
