package io.taskforge.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskIdsTest {

    @Test
    void ids_are_version_7_uuids() {
        UUID id = UUID.fromString(TaskIds.next(System.currentTimeMillis()));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void ids_made_in_one_process_strictly_increase_even_within_one_millisecond() {
        long millis = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TaskIds.next(millis));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).hasSize(10_000);
    }

    @Test
    void ids_start_with_their_millisecond() {
        long millis = 1_767_600_000_000L;
        String id = TaskIds.next(millis + 10_000_000);
        long embedded = UUID.fromString(id).getMostSignificantBits() >>> 16;
        assertThat(embedded).isGreaterThanOrEqualTo(millis + 10_000_000);
    }

    @Test
    void only_well_formed_ids_are_valid() {
        assertThat(TaskIds.isValid(TaskIds.next(System.currentTimeMillis()))).isTrue();
        assertThat(TaskIds.isValid("0192f3e4-aaaa-7bbb-8ccc-123456789abc")).isTrue();
        assertThat(TaskIds.isValid(null)).isFalse();
        assertThat(TaskIds.isValid("42")).isFalse();
        assertThat(TaskIds.isValid("0192f3e4-aaaa-7bbb-8ccc-123456789abz")).isFalse();
        assertThat(TaskIds.isValid("0192f3e4aaaaa7bbb-8ccc-123456789abcd")).isFalse();
        assertThat(TaskIds.isValid("'; drop table tf_task; --'-----------")).isFalse();
    }

    @Test
    void truncation_never_splits_a_surrogate_pair() {
        String s = "ab" + "😀".repeat(20);
        String cut = Texts.truncate(s, 16);
        assertThat(cut).endsWith("…[truncated]");
        assertThat(cut.chars().filter(c -> Character.isHighSurrogate((char) c)).count())
                .isEqualTo(cut.chars()
                        .filter(c -> Character.isLowSurrogate((char) c))
                        .count());
    }
}
