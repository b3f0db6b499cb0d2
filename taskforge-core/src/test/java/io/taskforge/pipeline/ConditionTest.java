package io.taskforge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionTest {
    /** params.n = 3, params.s = "abc", params.t = true, params.list = [1], steps.a.result.x = 2.0, steps.a.status = SUCCEEDED */
    private static final Scope SCOPE = ref -> switch (ref.root()) {
        case PARAMS -> Reference.walk(Map.of("n", 3, "s", "abc", "t", true, "list", List.of(1)), ref.path());
        case STEP_RESULT -> Reference.walk(Map.of("x", 2.0), ref.path());
        case STEP_STATUS -> "SUCCEEDED";
        default -> null;
    };

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '`',
            value = {
                "params.n == 3 ; true",
                "params.n == 3.0 ; true",
                "params.n != 3 ; false",
                "params.n < 4 && params.n >= 3 ; true",
                "params.n > 3 || params.n <= 2 ; false",
                "!(params.n == 3) ; false",
                "!params.missing ; true",
                "params.t ; true",
                "params.t == true ; true",
                "params.s == 'abc' ; true",
                "params.s == \"abc\" ; true",
                "params.s < 'abd' ; true",
                "params.s < 3 ; false",
                "params.missing == null ; true",
                "params.list ; true",
                "params.list.0 == 1 ; true",
                "steps.a.result.x == 2 ; true",
                "steps.a.status == 'SUCCEEDED' ; true",
                "${steps.a.result.x} == 2 ; true",
                "${steps.a.result.x == 2} ; true",
                "true && false || true ; true",
                "true && (false || false) ; false",
                "-1 < 0 ; true",
                "0 ; false",
                "'' ; false",
                "'x' ; true",
            })
    void evaluates(String text, boolean expected) {
        assertThat(Condition.parse(text).test(SCOPE)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "params.n ==",
                "(params.n == 3",
                "params.n == 3)",
                "params.n = 3",
                "'open",
                "foo.bar == 1",
                "steps.a == 1",
                "steps.a.result.x ~ 2",
                "",
                "1.2.3 == 1",
            })
    void rejects_malformed_conditions_with_a_position(String text) {
        assertThatThrownBy(() -> Condition.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void lists_the_references_it_reads() {
        assertThat(Condition.parse("steps.a.result.x == 1 && params.y").references())
                .extracting(Reference::text)
                .containsExactly("steps.a.result.x", "params.y");
    }
}
