package io.taskforge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final Scope SCOPE = ref -> switch (ref.root()) {
        case PARAMS ->
            Reference.walk(Map.of("url", "http://x", "n", 2, "obj", Map.of("a", List.of("q\"", 1.5))), ref.path());
        case ITEM -> "it";
        case INDEX -> 4;
        default -> null;
    };

    @Test
    void a_whole_value_reference_keeps_its_type_and_text_interpolates() {
        assertThat(Template.render("${params.n}", SCOPE)).isEqualTo(2);
        assertThat(Template.render("${params.obj}", SCOPE)).isEqualTo(Map.of("a", List.of("q\"", 1.5)));
        assertThat(Template.render("n=${params.n}, obj=${params.obj}, none=${params.none}.", SCOPE))
                .isEqualTo("n=2, obj={\"a\":[\"q\\\"\",1.5]}, none=.");
        assertThat(Template.render(Map.of("u", "${params.url}/${item}/${index}"), SCOPE))
                .isEqualTo(Map.of("u", "http://x/it/4"));
        assertThat(Template.render("${ params.n }", SCOPE)).isEqualTo(2);
        assertThat(Template.render(7, SCOPE)).isEqualTo(7);
        assertThat(Template.render("$${x} costs $5", SCOPE)).isEqualTo("${x} costs $5");
    }

    @Test
    void reports_malformed_strings_with_their_path() {
        List<String> errors = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        Template.check(
                Map.of("a", List.of("ok ${params.x}", "${unclosed"), "b", "${steps.only}"),
                "payload",
                (path, ref) -> refs.add(path + "=" + ref.text()),
                (path, message) -> errors.add(path));
        assertThat(refs).containsExactly("payload.a[0]=params.x");
        assertThat(errors).containsExactlyInAnyOrder("payload.a[1]", "payload.b");
        assertThatThrownBy(() -> Template.parts("${ }")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void json_text_writes_numbers_as_json_does() {
        assertThat(JsonText.write(List.of(1, 2.0, 2.5, -3L, true, "\n"))).isEqualTo("[1,2,2.5,-3,true,\"\\n\"]");
    }
}
