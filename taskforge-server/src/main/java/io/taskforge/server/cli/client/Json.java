package io.taskforge.server.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON for the command line: one mapper, reading {@code JSON|@file|-} arguments, reading fields. */
final class Json {
    private Json() {}

    static JsonMapper mapper() {
        return JsonMapper.builder()
                // "{} trailing text" is a mistake, not a document.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * The JSON an option names: the text itself, {@code @FILE} for a file's content, or {@code -}
     * for standard input. Anything unreadable ends the command with exit code 2 before anything is
     * sent.
     */
    static JsonNode read(JsonMapper json, String option, String argument) {
        String text = text(option, argument);
        if (text.isBlank()) {
            throw CliException.usage(option + ": no JSON given (" + source(argument) + " is empty)");
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0
                    ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw CliException.usage(option + ": " + source(argument) + " is not valid JSON" + where + ": "
                    + firstLine(e.getOriginalMessage()));
        }
    }

    /** The text an option names: itself, {@code @FILE} or {@code -} (standard input). */
    static String text(String option, String argument) {
        if (argument.equals("-")) {
            try {
                // System.in as it is now, not as it was when this class loaded: tests replace it.
                InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.usage(option + ": cannot read standard input: " + e.getMessage());
            }
        }
        if (argument.startsWith("@")) {
            return file(option, argument.substring(1));
        }
        return argument;
    }

    static String file(String option, String name) {
        try {
            return Files.readString(Path.of(name), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage(option + ": no such file: " + name);
        } catch (IOException | InvalidPathException e) {
            throw CliException.usage(option + ": cannot read " + name + ": " + e.getMessage());
        }
    }

    private static String source(String argument) {
        if (argument.equals("-")) {
            return "standard input";
        }
        return argument.startsWith("@") ? "the file " + argument.substring(1) : "the value";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().findFirst().orElse("");
    }

    /** A field as text; null when missing or JSON null; containers as compact JSON. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    static long number(JsonNode node, String field, long fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isNumber() ? fallback : value.asLong();
    }
}
