package org.stacklab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.stacklab.cli.StackLab;

/**
 * Every file the lab ships (scenarios, modes, profiles, lessons, recordings), damaged at random the
 * way files are damaged (a line lost, a number's sign or type changed, a key given twice, a file cut
 * short, bytes inserted), is either still a good file or one located error: exit code 2, one line
 * naming the damaged file and a line within it, no stack trace, and no output file written.
 */
class DamagedFilesPropertiesTest {

    private static final Path ROOT = Path.of(System.getProperty("stacklab.root", "..")).toAbsolutePath().normalize();
    private static final Pattern LOCATED = Pattern.compile("^stacklab: (.+?):(\\d+)(?::\\d+)?: .*");

    /** A shipped file of one kind, and how the command line reads it. */
    enum Kind { SCENARIO, MODE, PROFILE, LESSON, RECORDING }

    record Shipped(Kind kind, String name, String text) {
        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    /** One way a file is damaged, at a place chosen by the seed. */
    enum Damage { DELETE_LINE, NEGATE_NUMBER, NUMBER_TO_TEXT, NUMBER_TO_FRACTION, DUPLICATE_KEY, TRUNCATE, INSERT_BYTES }

    @Provide
    Arbitrary<Shipped> shipped() throws IOException {
        List<Shipped> files = new ArrayList<>();
        for (String scenario : List.of("default", "open-loop", "new-connections", "bulk")) {
            files.add(new Shipped(Kind.SCENARIO, scenario, resource("scenarios/" + scenario + ".yaml")));
        }
        for (String mode : List.of("direct", "sidecar", "sockmap", "sidecar-sockmap")) {
            files.add(new Shipped(Kind.MODE, mode, resource("modes/" + mode + ".yaml")));
        }
        for (String profile : List.of("lab-vm", "bare-metal")) {
            files.add(new Shipped(Kind.PROFILE, profile, resource("profiles/" + profile + ".yaml")));
        }
        try (Stream<Path> lessons = Files.list(ROOT.resolve("lessons"))) {
            for (Path lesson : lessons.filter(d -> Files.isRegularFile(d.resolve("lesson.yaml"))).sorted().toList()) {
                files.add(new Shipped(Kind.LESSON, lesson.getFileName().toString(),
                        Files.readString(lesson.resolve("lesson.yaml"))));
            }
        }
        try (Stream<Path> recordings = Files.list(ROOT.resolve("lessons/recordings"))) {
            for (Path recording : recordings.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                files.add(new Shipped(Kind.RECORDING, recording.getFileName().toString(), Files.readString(recording)));
            }
        }
        return Arbitraries.of(files);
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Arbitraries.of(Damage.class);
    }

    @Property(tries = 300)
    void aDamagedFileIsStillGoodOrOneLocatedErrorThatWritesNothing(@ForAll("shipped") Shipped file,
                                                                  @ForAll("damage") Damage damage,
                                                                  @ForAll long where) throws IOException {
        Path dir = Files.createTempDirectory("stacklab-damaged-");
        try {
            byte[] damaged = damage(file.text(), damage, new Random(where));
            Path target = dir.resolve("out.json");
            Path written = place(file, damaged, dir);
            List<String> args = command(file.kind(), dir, written, target);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = StackLab.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            String message = err.toString().strip();
            String context = file + ", " + damage + ":\n" + message;
            assertFalse(message.contains("Exception") || message.contains("\tat "), "no stack trace: " + context);
            Statistics.collect(file.kind(), code == 0 ? "still good" : "refused");
            if (code == 0) {
                return; // the damage left a good file (a comment lost, a number changed to another good one)
            }
            assertEquals(2, code, context);
            assertFalse(Files.exists(target), "no output file: " + context);
            assertEquals(1, message.lines().count(), "one line: " + context);
            if (message.endsWith(": the file is empty")) {
                return;
            }
            Matcher at = LOCATED.matcher(message);
            assertTrue(at.matches(), "file and line: " + context);
            assertEquals(written.toString(), at.group(1), "the damaged file is named: " + context);
            long lines = new String(damaged, StandardCharsets.ISO_8859_1).lines().count();
            int line = Integer.parseInt(at.group(2));
            assertTrue(line >= 1 && line <= lines + 1, "line " + line + " of " + lines + ": " + context);
        } finally {
            deleteTree(dir);
        }
    }

    /** Where the command line meets the damaged file, with good files around it as the lab ships them. */
    private static Path place(Shipped file, byte[] damaged, Path dir) throws IOException {
        return switch (file.kind()) {
            case SCENARIO -> write(dir.resolve("s.yaml"), damaged);
            case MODE -> {
                Files.writeString(dir.resolve("s.yaml"), "name: s\nmodes: [direct]\n");
                yield write(dir.resolve("m.yaml"), damaged);
            }
            case PROFILE -> {
                Files.writeString(dir.resolve("s.yaml"), "name: s\nmodes: [direct]\nprofile: p.yaml\n");
                yield write(dir.resolve("p.yaml"), damaged);
            }
            case LESSON -> {
                // Beside the recordings lessons replay, as in the lab's own lessons folder.
                Path recordings = Files.createDirectories(dir.resolve("lessons/recordings"));
                try (Stream<Path> shipped = Files.list(ROOT.resolve("lessons/recordings"))) {
                    for (Path f : shipped.toList()) {
                        Files.copy(f, recordings.resolve(f.getFileName()));
                    }
                }
                yield write(Files.createDirectories(dir.resolve("lessons/l")).resolve("lesson.yaml"), damaged);
            }
            case RECORDING -> write(dir.resolve("r.json"), damaged);
        };
    }

    private static List<String> command(Kind kind, Path dir, Path file, Path target) {
        String scenario = dir.resolve("s.yaml").toString();
        return switch (kind) {
            case SCENARIO, PROFILE -> List.of("sim", "--scenario", scenario, "--mode", "direct", "--requests", "30",
                    "--trace-out", target.toString());
            case MODE -> List.of("sim", "--scenario", scenario, "--mode", "m.yaml", "--requests", "30",
                    "--trace-out", target.toString());
            case LESSON -> List.of("lesson", "check", "--lessons", dir.resolve("lessons").toString());
            case RECORDING -> List.of("calibrate", file.toString(), "--out", target.toString());
        };
    }

    static byte[] damage(String text, Damage damage, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        Matcher numbers = Pattern.compile("(?<![\\w.])-?\\d+(\\.\\d+)?(?![\\w.])").matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (numbers.find()) {
            spans.add(new int[] {numbers.start(), numbers.end()});
        }
        switch (damage) {
            case DELETE_LINE -> lines.remove(random.nextInt(lines.size()));
            case DUPLICATE_KEY -> {
                List<Integer> keyed = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).matches("\\s*\"?[A-Za-z_]+\"?\\s*:.*") && !lines.get(i).strip().startsWith("#")) {
                        keyed.add(i);
                    }
                }
                int i = keyed.get(random.nextInt(keyed.size()));
                String copy = lines.get(i);
                lines.add(i + 1, copy.strip().endsWith(",") || !text.stripLeading().startsWith("{") ? copy : copy + ",");
            }
            case TRUNCATE -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case INSERT_BYTES -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                byte[] noise = new byte[1 + random.nextInt(8)];
                random.nextBytes(noise);
                int at = random.nextInt(bytes.length + 1);
                byte[] out = new byte[bytes.length + noise.length];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(noise, 0, out, at, noise.length);
                System.arraycopy(bytes, at, out, at + noise.length, bytes.length - at);
                return out;
            }
            default -> {
                if (spans.isEmpty()) {
                    return text.getBytes(StandardCharsets.UTF_8);
                }
                int[] span = spans.get(random.nextInt(spans.size()));
                String number = text.substring(span[0], span[1]);
                String replaced = switch (damage) {
                    case NEGATE_NUMBER -> number.startsWith("-") ? number.substring(1) : "-" + number;
                    case NUMBER_TO_TEXT -> "\"many\"";
                    default -> number.contains(".") ? number + "e300" : number + ".5";
                };
                return (text.substring(0, span[0]) + replaced + text.substring(span[1])).getBytes(StandardCharsets.UTF_8);
            }
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = DamagedFilesPropertiesTest.class.getResourceAsStream("/org/stacklab/sim/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
