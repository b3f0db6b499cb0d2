package io.taskforge.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreUrlsTest {

    @Test
    void passwords_never_reach_the_log() {
        assertThat(StoreUrls.redact("jdbc:postgresql://db:5432/tf?user=tf&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/tf?user=tf&password=***&ssl=true");
        assertThat(StoreUrls.redact("jdbc:postgresql://tf:s3cret@db:5432/tf"))
                .isEqualTo("jdbc:postgresql://tf:***@db:5432/tf");
        assertThat(StoreUrls.redact("jdbc:sqlite:/srv/data/taskforge.db"))
                .isEqualTo("jdbc:sqlite:/srv/data/taskforge.db");
    }

    @Test
    void the_kind_is_the_subprotocol() {
        assertThat(StoreUrls.kind("jdbc:sqlite:/x.db")).isEqualTo("sqlite");
        assertThat(StoreUrls.kind("jdbc:postgresql://h/db")).isEqualTo("postgresql");
        assertThat(StoreUrls.kind("mysql://h")).isEqualTo("unknown");
    }
}
