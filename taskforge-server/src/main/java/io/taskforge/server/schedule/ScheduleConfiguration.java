package io.taskforge.server.schedule;

import io.taskforge.client.TaskforgeClient;
import io.taskforge.json.JsonCodec;
import io.taskforge.schedule.PipelineRunLauncher;
import io.taskforge.schedule.ScheduleService;
import io.taskforge.schedule.ScheduleStore;
import io.taskforge.script.ScriptService;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The schedule service over the engine's {@link ScheduleStore} (a bean of the engine
 * configuration, which also gives the engine its {@code ScheduleFirer} leader duty). Pipeline
 * targets need a {@link PipelineRunLauncher} bean; without one they are refused.
 */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    @Bean
    ScheduleService taskforgeScheduleService(
            ScheduleStore store,
            TaskforgeClient client,
            ScriptService scripts,
            ObjectProvider<PipelineRunLauncher> pipelines,
            JsonCodec json) {
        return new ScheduleService(store, client, scripts, pipelines.getIfAvailable(), json, Clock.systemUTC());
    }
}
