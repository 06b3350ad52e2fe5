package org.stacklab.sim.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.stacklab.sim.io.InvalidValue;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the lab's YAML and JSON files (scenarios, modes, cost profiles, lessons, recordings) into
 * records, turning every fault into a {@link ScenarioException} with file, line, column and field.
 *
 * <p>Checks that records make after parsing (a negative count, a process in an unknown namespace)
 * throw {@link InvalidValue} naming their field; the file's {@link FieldLocations} then point at
 * that value's own line, not at the end of the object that held it. Files are refused before
 * parsing when they are too large, not UTF-8, or hold a key twice.
 */
public final class YamlFiles {

    /** The largest scenario, mode, profile or lesson file read: far above any real one. */
    public static final long MAX_BYTES = 1 << 20;

    private YamlFiles() {
    }

    /** Reads a file of at most {@link #MAX_BYTES}. */
    public static <T> T read(Path file, Class<T> type) throws ScenarioException {
        return read(file, type, MAX_BYTES);
    }

    /** Reads a file of at most {@code maxBytes} (recordings, which hold traces, may be larger). */
    public static <T> T read(Path file, Class<T> type, long maxBytes) throws ScenarioException {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new ScenarioException(name, 0, 0, "", "is a folder, not a file");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new ScenarioException(name, 0, 0, "", "is not a regular file");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ScenarioException(name, 0, 0, "", "is " + size + " bytes; files of this kind are at most "
                        + maxBytes + " bytes");
            }
            return parse(decode(Files.readAllBytes(file), name), name, type, maxBytes);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(name, 0, 0, "", "no such file");
        } catch (AccessDeniedException e) {
            throw new ScenarioException(name, 0, 0, "", "permission denied");
        } catch (IOException e) {
            throw new ScenarioException(name, 0, 0, "", "cannot be read: " + e.getMessage());
        }
    }

    /**
     * A fault found after a file was read (a name in it that resolves to nothing), reported where
     * the field's value is written in that file, or its nearest written parent.
     */
    public static ScenarioException faultAt(Path file, String field, String problem) {
        int[] at = {0, 0};
        try {
            String text = decode(Files.readAllBytes(file), file.toString());
            try (JsonParser parser = mapperFor(text, MAX_BYTES).getFactory().createParser(text)) {
                at = FieldLocations.of(parser).nearest(field);
            }
        } catch (IOException | ScenarioException e) {
            // the file read before; if it no longer does, the fault is still worth saying without a line
        }
        return new ScenarioException(file.toString(), at[0], at[1], field, problem);
    }

    /** Reads a file shipped inside the simulator, named for messages as {@code name}. */
    public static <T> T readResource(String resource, String name, Class<T> type) throws ScenarioException {
        try (InputStream in = YamlFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException(name, 0, 0, "", "built-in file is missing from the build");
            }
            return parse(decode(in.readAllBytes(), name), name, type, MAX_BYTES);
        } catch (IOException e) {
            throw new ScenarioException(name, 0, 0, "", "cannot be read: " + e.getMessage());
        }
    }

    /** The text of a file that must be UTF-8; a byte that is not is reported at its line and column. */
    static String decode(byte[] bytes, String name) throws ScenarioException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new ScenarioException(name, line, bad - lineStart + 1, "", String.format(
                    "is not UTF-8 text (byte 0x%02x at offset %d)", bytes[bad] & 0xff, bad));
        }
    }

    private static int firstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static <T> T parse(String text, String name, Class<T> type, long maxBytes) throws ScenarioException {
        ObjectMapper mapper = mapperFor(text, maxBytes);
        FieldLocations locations;
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            locations = FieldLocations.of(parser);
        } catch (FieldLocations.DuplicateKey e) {
            throw new ScenarioException(name, e.line, e.column, e.field, "is given twice");
        } catch (JsonProcessingException e) {
            throw located(name, e.getLocation(), "", "not valid " + (mapper == JSON ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ScenarioException(name, 0, 0, "", "cannot be read: " + e.getMessage());
        }
        if (locations.isEmpty()) {
            throw new ScenarioException(name, 0, 0, "", "the file is empty");
        }
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new ScenarioException(name, 0, 0, "", "the file is empty");
            }
            return value;
        } catch (ValueInstantiationException e) {
            String at = fieldPath(e);
            if (rootCause(e) instanceof InvalidValue invalid) {
                String field = join(at, invalid.field());
                throw locatedAt(name, locations, field, invalid.getMessage());
            }
            throw locatedAt(name, locations, at, problem(e));
        } catch (UnrecognizedPropertyException e) {
            String field = fieldPath(e);
            int[] at = locations.key(field);
            throw new ScenarioException(name, at[0], at[1], field, problem(e));
        } catch (InvalidFormatException e) {
            // A map key of the wrong kind (an unknown stage) is reported at the key itself.
            boolean mapKey = e.getOriginalMessage().startsWith("Cannot deserialize Map key");
            String field = mapKey ? join(fieldPath(e), String.valueOf(e.getValue())) : fieldPath(e);
            int[] at = mapKey ? locations.key(field) : locations.nearest(field);
            throw new ScenarioException(name, at[0], at[1], field, problem(e));
        } catch (JsonMappingException e) {
            throw locatedAt(name, locations, fieldPath(e), problem(e));
        } catch (JsonProcessingException e) {
            throw located(name, e.getLocation(), "", "not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ScenarioException(name, 0, 0, "", "cannot be read: " + e.getMessage());
        }
    }

    private static final ObjectMapper JSON = configure(new ObjectMapper(new JsonFactory()));

    /** JSON files (recordings) go to the JSON parser, which is faster and locates as well; the rest is YAML. */
    private static ObjectMapper mapperFor(String text, long maxBytes) {
        String start = text.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return JSON;
        }
        // snakeyaml refuses documents above its own code-point limit: set it to this kind's size cap.
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes));
        return configure(new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build()));
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    private static String join(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    private static ScenarioException located(String name, JsonLocation at, String field, String problem) {
        return new ScenarioException(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                field, problem);
    }

    /** A fault at a field, reported where the field's value is written (or its nearest written parent). */
    private static ScenarioException locatedAt(String name, FieldLocations locations, String field, String problem) {
        int[] at = locations.nearest(field);
        return new ScenarioException(name, at[0], at[1], field, problem);
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
        if (e instanceof InvalidFormatException bad && bad.getTargetType() != null && bad.getTargetType().isEnum()) {
            return "unknown " + words(bad.getTargetType().getSimpleName()) + " '" + bad.getValue() + "' (expected "
                    + java.util.Arrays.stream(bad.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ")) + ")";
        }
        Throwable cause = e instanceof ValueInstantiationException ? rootCause(e) : null;
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Missing required creator property") || message.startsWith("Cannot map `null`")) {
            return "is required but missing";
        }
        if (message.contains("Floating-point value")) {
            int open = message.indexOf('(');
            int close = message.indexOf(')', open + 1);
            return "must be a whole number" + (open > 0 && close > open ? ", not " + message.substring(open + 1, close) : "");
        }
        if (message.startsWith("Cannot deserialize value of type") || message.startsWith("Cannot coerce")) {
            return "has the wrong type: expected " + expectedType(message);
        }
        return message.lines().findFirst().orElse(message);
    }

    /** A type's name as words: {@code CpuCategory} is "cpu category". */
    private static String words(String typeName) {
        return typeName.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Jackson's "Cannot deserialize value of type `java.lang.Integer` from ..." in plain words. */
    private static String expectedType(String message) {
        String type = message.contains("`") ? message.substring(message.indexOf('`') + 1,
                message.indexOf('`', message.indexOf('`') + 1)) : "";
        return switch (type.replaceFirst("^java\\.lang\\.", "")) {
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Double", "double", "Float", "float" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "text";
            default -> type.startsWith("java.util.List") || type.startsWith("java.util.Set") ? "a list"
                    : type.startsWith("java.util.Map") || type.startsWith("org.stacklab") ? "a mapping of fields"
                    : "another kind of value";
        };
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Where each field's value is written in a file, by its path ({@code workload.requests},
     * {@code modes[1]}), read in one pass of the parser; a key given twice in one mapping is refused.
     */
    static final class FieldLocations {
        private final java.util.Map<String, int[]> at = new java.util.HashMap<>();
        private final java.util.Map<String, int[]> keys = new java.util.HashMap<>();

        static final class DuplicateKey extends IOException {
            final String field;
            final int line;
            final int column;

            DuplicateKey(String field, JsonLocation location) {
                super(field);
                this.field = field;
                this.line = location.getLineNr();
                this.column = location.getColumnNr();
            }
        }

        static FieldLocations of(JsonParser parser) throws IOException {
            FieldLocations locations = new FieldLocations();
            java.util.ArrayDeque<String> paths = new java.util.ArrayDeque<>();
            java.util.ArrayDeque<Object> containers = new java.util.ArrayDeque<>(); // key set, or int[] next index
            String pending = null; // the path of the value about to come
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    @SuppressWarnings("unchecked")
                    java.util.Set<String> keys = (java.util.Set<String>) containers.peek();
                    String field = join(paths.peek(), parser.currentName());
                    if (!keys.add(parser.currentName())) {
                        throw new DuplicateKey(field, parser.currentTokenLocation());
                    }
                    JsonLocation key = parser.currentTokenLocation();
                    locations.keys.putIfAbsent(field, new int[] {key.getLineNr(), key.getColumnNr()});
                    pending = field;
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    paths.pop();
                    containers.pop();
                    continue;
                }
                String path;
                if (pending != null) {
                    path = pending;
                    pending = null;
                } else if (containers.peek() instanceof int[] index) {
                    path = paths.peek() + "[" + index[0]++ + "]";
                } else {
                    path = "";
                }
                JsonLocation location = parser.currentTokenLocation();
                locations.at.putIfAbsent(path, new int[] {location.getLineNr(), location.getColumnNr()});
                if (token == JsonToken.START_OBJECT) {
                    paths.push(path);
                    containers.push(new java.util.HashSet<String>());
                } else if (token == JsonToken.START_ARRAY) {
                    paths.push(path);
                    containers.push(new int[] {0});
                }
            }
            return locations;
        }

        private static String join(String parent, String field) {
            return parent == null || parent.isEmpty() ? field : parent + "." + field;
        }

        /** Line and column of the field's key, else where its value or nearest parent is. */
        int[] key(String field) {
            return keys.getOrDefault(field, nearest(field));
        }

        boolean isEmpty() {
            return at.isEmpty();
        }

        /** Line and column of the field's value, else of its nearest parent that is written; 0, 0 if none. */
        int[] nearest(String field) {
            for (String path = field; ; path = parent(path)) {
                int[] found = at.get(path);
                if (found != null && (found[0] > 0)) {
                    return found;
                }
                if (path.isEmpty()) {
                    return new int[] {0, 0};
                }
            }
        }

        private static String parent(String path) {
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            return cut < 0 ? "" : path.substring(0, cut);
        }
    }
}
