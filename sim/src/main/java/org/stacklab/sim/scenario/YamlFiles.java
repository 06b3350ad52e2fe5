package org.stacklab.sim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Reads the lab's YAML files (scenarios, modes, cost profiles) into records, turning every fault
 * into a {@link ScenarioException} with file, line, column and field.
 */
public final class YamlFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private YamlFiles() {
    }

    public static <T> T read(Path file, Class<T> type) throws ScenarioException {
        try {
            return parse(Files.readString(file), file.toString(), type);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file.toString(), 0, 0, "", "no such file");
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 0, 0, "", "cannot be read: " + e.getMessage());
        }
    }

    /** Reads a file shipped inside the simulator, named for messages as {@code name}. */
    public static <T> T readResource(String resource, String name, Class<T> type) throws ScenarioException {
        try (InputStream in = YamlFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException(name, 0, 0, "", "built-in file is missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, type);
        } catch (IOException e) {
            throw new ScenarioException(name, 0, 0, "", "cannot be read: " + e.getMessage());
        }
    }

    private static <T> T parse(String text, String name, Class<T> type) throws ScenarioException {
        try {
            T value = YAML.readValue(text, type);
            if (value == null) {
                throw new ScenarioException(name, 0, 0, "", "the file is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            // Jackson reads a record's whole object before it checks names, so its location is the
            // object's end; the unknown key itself is easy to find in the text.
            ScenarioException atEnd = located(name, e, fieldPath(e), problem(e));
            throw keyLine(text, e.getPropertyName()).map(at -> new ScenarioException(name, at[0], at[1],
                    atEnd.field(), atEnd.problem())).orElse(atEnd);
        } catch (JsonMappingException e) {
            throw located(name, e, fieldPath(e), problem(e));
        } catch (JsonProcessingException e) {
            throw located(name, e, "", "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static ScenarioException located(String name, JsonProcessingException e, String field, String problem) {
        // The token the parser stood on when it failed is where the user should look.
        JsonLocation at = e.getLocation();
        return new ScenarioException(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                field, problem);
    }

    /** Line and column of the first YAML key with this name. */
    private static Optional<int[]> keyLine(String text, String key) {
        Matcher m = Pattern.compile("^([ \\t]*(?:- +)?)" + Pattern.quote(key) + "[ \\t]*:", Pattern.MULTILINE)
                .matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
        return Optional.of(new int[] {line, m.group(1).length() + 1});
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            return "unknown field '" + unknown.getPropertyName() + "' (expected one of: " + known + ")";
        }
        Throwable cause = e instanceof ValueInstantiationException ? rootCause(e) : null;
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Missing required creator property") || message.startsWith("Cannot map `null`")) {
            return "is required but missing";
        }
        if (message.startsWith("Cannot deserialize value of type") || message.startsWith("Cannot coerce")) {
            int colon = message.indexOf(": ");
            return "has the wrong type" + (colon > 0 ? ": " + message.substring(colon + 2) : "");
        }
        return message.lines().findFirst().orElse(message);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
