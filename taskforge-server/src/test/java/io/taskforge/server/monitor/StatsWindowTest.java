package io.taskforge.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.server.problem.InvalidRequestException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatsWindowTest {

    @ParameterizedTest
    @CsvSource({"1m, PT1M", "5m, PT5M", "1h, PT1H", "24h, PT24H", "7d, PT168H", "10080m, PT168H", " 2H , PT2H"})
    void reads_minutes_hours_and_days(String text, Duration expected) {
        assertThat(StatsWindow.parse(text).duration()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "10y", "0m", "8d", "10081m", "-1h", "1.5h", "h", "1 h", "999999999d", "1w"})
    void refuses_anything_else_naming_the_window(String text) {
        assertThatThrownBy(() -> StatsWindow.parse(text))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .singleElement()
                                .satisfies(f -> assertThat(f.field()).isEqualTo("window")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void defaults_to_an_hour(String text) {
        assertThat(StatsWindow.parse(text)).isEqualTo(new StatsWindow("1h", Duration.ofHours(1)));
        assertThat(StatsWindow.parse(null).duration()).isEqualTo(Duration.ofHours(1));
    }
}
