package io.taskforge.server.script;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import io.taskforge.client.FieldError;
import io.taskforge.script.ParameterSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ParameterSchemas} with networknt's json-schema-validator, JSON Schema draft 2020-12.
 *
 * <p>A schema is checked against the 2020-12 meta-schema and then compiled with every reference
 * resolved, so a schema that is stored can always be used. References may only point inside the
 * schema itself ({@code #/$defs/...}) or to the 2020-12 meta-schemas bundled with the library:
 * nothing is fetched from the network or read from the class path on a user's behalf.
 *
 * <p>{@code format} is checked ({@code "format": "date"} rejects {@code "31.01.2026"}): 2020-12
 * treats it as an annotation by default, but whoever writes it into a parameter schema means it.
 *
 * <p>Compiled schemas are kept in a small cache keyed by their text, since the same few scripts
 * are run over and over. Thread-safe.
 */
final class JsonSchemaParameters implements ParameterSchemas {
    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final String META_SCHEMAS = "https://json-schema.org/draft/2020-12/";
    private static final int CACHE_SIZE = 128;

    /** Keywords whose errors name a property of the object at the error's location. */
    private static final List<String> PROPERTY_KEYWORDS =
            List.of("required", "dependentRequired", "additionalProperties", "unevaluatedProperties");

    private final JsonMapper json;
    private final SchemaRegistry registry;
    private final Schema metaSchema;
    private final Map<String, Schema> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Schema> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    JsonSchemaParameters(JsonMapper json) {
        this.json = json;
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaLoader(
                        loader -> loader.allow(iri -> iri.toString().startsWith(META_SCHEMAS))));
        this.metaSchema =
                registry.getSchema(SchemaLocation.of(Dialects.getDraft202012().getId()));
    }

    @Override
    public List<FieldError> schemaErrors(String schema, String field) {
        JsonNode node;
        try {
            node = json.readTree(schema);
        } catch (JacksonException e) {
            return List.of(new FieldError(field, "is not valid JSON: " + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            return List.of(new FieldError(
                    field, "must be a JSON Schema object, like {\"type\": \"object\", \"properties\": {...}}"));
        }
        JsonNode dialect = node.get("$schema");
        if (dialect != null
                && !(dialect.isString() && stripHash(dialect.asString()).equals(DIALECT))) {
            return List.of(new FieldError(
                    field + ".$schema", "must be " + DIALECT + " (JSON Schema draft 2020-12), or be left out"));
        }
        List<FieldError> errors = fieldErrors(metaSchema.validate(node), field);
        if (!errors.isEmpty()) {
            return errors;
        }
        JsonNode type = node.get("type");
        if (type != null && !describesObjects(type)) {
            return List.of(new FieldError(
                    field + ".type", "must be \"object\" (or left out): the parameters of a run are a JSON object"));
        }
        try {
            compile(schema, node);
        } catch (RuntimeException e) {
            // Unresolvable or forbidden references, bad regular expressions and the like.
            return List.of(new FieldError(field, "cannot be used: " + firstLine(e.getMessage())));
        }
        return List.of();
    }

    @Override
    public List<FieldError> paramErrors(String schema, String params, String field) {
        Schema compiledSchema = compile(schema, json.readTree(schema));
        JsonNode node = json.readTree(params);
        return fieldErrors(
                compiledSchema.validate(node, c -> c.executionConfig(e -> e.formatAssertionsEnabled(true))), field);
    }

    private Schema compile(String text, JsonNode node) {
        synchronized (compiled) {
            Schema cached = compiled.get(text);
            if (cached != null) {
                return cached;
            }
        }
        Schema schema = registry.getSchema(node);
        // Resolves every $ref now, so a bad one fails when the schema is stored, not when it runs.
        schema.initializeValidators();
        synchronized (compiled) {
            compiled.put(text, schema);
        }
        return schema;
    }

    /** One error per field: the first the library reports for it, in the order it reports them. */
    private static List<FieldError> fieldErrors(List<Error> errors, String field) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (Error e : errors) {
            byField.putIfAbsent(fieldOf(e, field), messageOf(e));
        }
        List<FieldError> result = new ArrayList<>(byField.size());
        byField.forEach((f, m) -> result.add(new FieldError(f, m)));
        return result;
    }

    /** {@code params.items[2].name} from the error's instance location (and property, where it names one). */
    static String fieldOf(Error e, String field) {
        StringBuilder sb = new StringBuilder(field);
        NodePath at = e.getInstanceLocation();
        for (int i = 0; at != null && i < at.getNameCount(); i++) {
            Object element = at.getElement(i);
            if (element instanceof Number index) {
                sb.append('[').append(index).append(']');
            } else {
                sb.append('.').append(element);
            }
        }
        if (e.getProperty() != null && PROPERTY_KEYWORDS.contains(e.getKeyword())) {
            sb.append('.').append(e.getProperty());
        }
        return sb.toString();
    }

    /** The library's message without the instance location it starts with ({@code $.count: }). */
    private static String messageOf(Error e) {
        String message = e.getMessage();
        String location =
                e.getInstanceLocation() == null ? null : e.getInstanceLocation().toString();
        if (location != null && message.startsWith(location + ": ")) {
            return message.substring(location.length() + 2);
        }
        return message;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "it is not a usable schema";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static boolean describesObjects(JsonNode type) {
        if (type.isString()) {
            return type.asString().equals("object");
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.isString() && t.asString().equals("object")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String stripHash(String uri) {
        return uri.endsWith("#") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
