package io.taskforge.server.pipeline;

import io.taskforge.client.TaskDefaults;
import io.taskforge.handler.TaskHandler;
import io.taskforge.handler.builtin.BuiltinHandlers;
import io.taskforge.json.JsonCodec;
import io.taskforge.pipeline.PipelineService;
import io.taskforge.pipeline.PipelineStore;
import io.taskforge.schedule.PipelineRunLauncher;
import io.taskforge.script.ScriptStore;
import io.taskforge.server.config.TaskforgeProperties;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pipeline service over the engine's {@link PipelineStore} (a bean of the engine
 * configuration, which opens the stores).
 *
 * <p>A step may name the task types this server's workers handle (the built-in ones it enables and
 * the application's handlers) plus those listed in {@code taskforge.pipelines.task-types} (for
 * types only remote workers handle); with {@code taskforge.pipelines.check-types=false} any type is
 * accepted.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /**
     * Made without the engine's client, because the engine asks for the launcher below while it is
     * being built: the task defaults are the engine's standard ones, which the server does not change.
     */
    @Bean
    PipelineService taskforgePipelineService(
            PipelineStore store,
            JsonCodec json,
            ScriptStore scripts,
            TaskforgeProperties properties,
            ObjectProvider<TaskHandler> applicationHandlers,
            @Value("${taskforge.pipelines.task-types:}") List<String> extraTypes,
            @Value("${taskforge.pipelines.check-types:true}") boolean checkTypes) {
        Set<String> types = new TreeSet<>();
        BuiltinHandlers.all(json, properties.handlers().shell().enabled(), scripts)
                .forEach(h -> types.add(h.type()));
        applicationHandlers.orderedStream().forEach(h -> types.add(h.type()));
        extraTypes.stream().map(String::strip).filter(t -> !t.isEmpty()).forEach(types::add);
        Set<String> known = checkTypes ? Set.copyOf(types) : null;
        return new PipelineService(store, json, Clock.systemUTC(), TaskDefaults.STANDARD, () -> known);
    }

    /** Schedules with a pipeline target start runs through this. */
    @Bean
    PipelineRunLauncher taskforgePipelineRunLauncher(PipelineService pipelines, JsonCodec json) {
        return new PipelineLauncher(pipelines, json);
    }
}
