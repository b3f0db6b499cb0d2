package io.taskforge.server.script;

import io.taskforge.client.TaskforgeClient;
import io.taskforge.json.JsonCodec;
import io.taskforge.script.ParameterSchemas;
import io.taskforge.script.ScriptService;
import io.taskforge.script.ScriptStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The script service over the engine's {@link ScriptStore} (a bean of the engine configuration,
 * which opens the stores) and JSON Schema checks with networknt's validator.
 */
@Configuration(proxyBeanMethods = false)
class ScriptConfiguration {

    @Bean
    ParameterSchemas taskforgeParameterSchemas(JsonMapper json) {
        return new JsonSchemaParameters(json);
    }

    @Bean
    ScriptService taskforgeScriptService(
            ScriptStore store, TaskforgeClient client, ParameterSchemas schemas, JsonCodec json) {
        return new ScriptService(store, client, schemas, json, Clock.systemUTC());
    }
}
