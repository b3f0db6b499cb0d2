package io.taskforge.server.cli.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The parameters of {@code scripts run}. {@code --param k=v} gives text, and the text has to become
 * a JSON value. The rule:
 *
 * <ol>
 *   <li>when the script's schema gives the parameter a type, it decides: {@code "string"} sends the
 *       text as it is ({@code --param zip=01234} stays "01234"); number, integer, boolean, array or
 *       object parse the text as JSON ({@code --param count=3} is 3) — text that does not parse is
 *       sent as a string, and the server's check names the parameter;
 *   <li>without a type, text that is a JSON number, boolean, array or object is sent as that, and
 *       anything else as a string ({@code --param name=bob}, {@code --param flag=true}).
 * </ol>
 *
 * {@code --param-json k=JSON} always parses (a quoted string, null, ...), and {@code --params} gives
 * a whole object; single parameters override its fields.
 */
final class ScriptParams {
    private ScriptParams() {}

    static ObjectNode build(
            JsonMapper json, JsonNode schema, JsonNode base, List<String> params, List<String> jsonParams) {
        ObjectNode result = json.createObjectNode();
        if (base != null) {
            if (!base.isObject()) {
                throw CliException.usage("--params must be a JSON object, like {\"name\": \"value\"}");
            }
            result.setAll((ObjectNode) base);
        }
        if (params != null) {
            for (String p : params) {
                String[] kv = split("--param", p);
                result.set(kv[0], value(json, kv[1], types(schema, kv[0])));
            }
        }
        if (jsonParams != null) {
            for (String p : jsonParams) {
                String[] kv = split("--param-json", p);
                result.set(kv[0], Json.read(json, "--param-json " + kv[0], kv[1]));
            }
        }
        return result;
    }

    static String[] split(String option, String param) {
        int eq = param.indexOf('=');
        if (eq <= 0) {
            throw CliException.usage(option + " must be NAME=VALUE, was '" + param + "'");
        }
        return new String[] {param.substring(0, eq), param.substring(eq + 1)};
    }

    /** The JSON types the schema allows for one parameter; empty when it does not say. */
    static Set<String> types(JsonNode schema, String name) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type =
                schema == null ? null : schema.path("properties").path(name).path("type");
        if (type != null && type.isString()) {
            types.add(type.asString());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        }
        return types;
    }

    static JsonNode value(JsonMapper json, String text, Set<String> types) {
        if (types.contains("string")) {
            return StringNode.valueOf(text);
        }
        JsonNode parsed = parse(json, text);
        if (!types.isEmpty()) {
            return parsed != null ? parsed : StringNode.valueOf(text);
        }
        boolean typed =
                parsed != null && (parsed.isNumber() || parsed.isBoolean() || parsed.isArray() || parsed.isObject());
        return typed ? parsed : StringNode.valueOf(text);
    }

    private static JsonNode parse(JsonMapper json, String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
