package io.taskforge.bench.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WrkTest {
    private static final String REPORT = """
            Running 1s test @ http://127.0.0.1:8080/api/v1/tasks
              2 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.23ms  456.00us   1.02s    90.00%
                Req/Sec     6.50k   500.00     7.00k    80.00%
              Latency Distribution
                 50%  850.00us
                 75%    1.40ms
                 90%    1.80ms
                 99%    1.20s
              12987 requests in 1.00s, 2.10MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 3
            Requests/sec:  12950.12
            Transfer/sec:      2.09MB
            """;

    @Test
    void readsRateCountPercentilesInAnyUnitAndEveryKindOfError() throws IOException {
        Wrk.Result r = Wrk.parse(REPORT);

        assertThat(r.requestsPerSecond()).isEqualTo(12950.12);
        assertThat(r.requests()).isEqualTo(12987);
        assertThat(r.p50Millis()).isEqualTo(0.85);
        assertThat(r.p99Millis()).isEqualTo(1200.0);
        assertThat(r.errors()).isEqualTo(6);
    }

    @Test
    void aReportWithoutTheRateIsAnError() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot read wrk's report");
    }
}
