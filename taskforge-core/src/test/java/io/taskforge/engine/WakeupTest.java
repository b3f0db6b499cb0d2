package io.taskforge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WakeupTest {
    private final Wakeup wakeup = new Wakeup();

    @Test
    void a_signal_given_before_the_wait_is_not_lost() throws Exception {
        wakeup.signal();
        assertThat(wakeup.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void several_signals_count_as_one() throws Exception {
        wakeup.signal();
        wakeup.signal();
        assertThat(wakeup.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wakeup.await(10, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void a_signal_from_another_thread_ends_a_wait() throws Exception {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            wakeup.signal();
        });
        assertThat(wakeup.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void without_a_signal_the_wait_times_out() throws Exception {
        assertThat(wakeup.await(20, TimeUnit.MILLISECONDS)).isFalse();
    }
}
