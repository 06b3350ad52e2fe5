package org.stacklab.lesson;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.stacklab.probe.run.Recording;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.Scenario;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.scenario.YamlFiles;

/**
 * The lessons of a folder (one sub-folder per lesson, each with a {@code lesson.yaml}), and what
 * their steps need: the scenario loaded with the step's modes, and each question's answer,
 * computed by simulating, never read from the file.
 */
public final class Lessons {

    public static final String FILE = "lesson.yaml";

    private final Path folder;
    private final Map<String, RunReport> runs = new HashMap<>();

    public Lessons(Path folder) {
        this.folder = folder;
    }

    /**
     * The lessons folder of this installation: {@code $stacklab.home/lessons}, else the
     * {@code lessons} folder beside the build the code runs from, else {@code ./lessons}.
     */
    public static Path defaultFolder() {
        String home = System.getProperty("stacklab.home");
        if (home != null) {
            return Path.of(home, "lessons");
        }
        try {
            Path at = Path.of(Lessons.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = at; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("lessons")) && Files.exists(dir.resolve("pom.xml"))) {
                    return dir.resolve("lessons");
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source to start from
        }
        return Path.of("lessons");
    }

    public Path folder() {
        return folder;
    }

    /** The lessons' names (their folder names), sorted. */
    public List<String> names() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(folder)) {
            // A lesson.yaml that is not a file is listed, so that reading it says what is wrong.
            return dirs.filter(d -> Files.exists(d.resolve(FILE))).map(d -> d.getFileName().toString()).sorted()
                    .toList();
        }
    }

    public Path file(String name) {
        return folder.resolve(name).resolve(FILE);
    }

    /** Reads a lesson; faults come with file, line, column and field. */
    public Lesson read(String name) throws ScenarioException {
        Path file = file(name);
        if (!Files.exists(file)) {
            throw new ScenarioException(file.toString(), 0, 0, "", "no such lesson (see `stacklab lesson list`)");
        }
        return YamlFiles.read(file, Lesson.class);
    }

    /**
     * The step's scenario with the step's request count and modes. A name that resolves to nothing
     * is reported at its own line and column in the lesson file.
     */
    public LoadedScenario scenario(String lesson, LessonStep step, int stepIndex) throws ScenarioException {
        String where = file(lesson).toString();
        String field = "steps[" + stepIndex + "]";
        Reference ref = step.scenario();
        boolean isFile = ref.name().endsWith(".yaml") || ref.name().endsWith(".yml");
        String source = isFile ? folder.resolve(lesson).resolve(ref.name()).toString() : ref.name();
        Scenario scenario;
        try {
            scenario = Catalog.scenario(source);
        } catch (ScenarioException e) {
            throw new ScenarioException(where, ref.line(), ref.column(), field + ".scenario", e.getMessage());
        }
        List<Reference> modes = new ArrayList<>(step.modes());
        for (int i = 0; i < modes.size(); i++) {
            checkMode(modes.get(i), where, field + ".modes[" + i + "]");
        }
        if (step.question() != null) {
            Measure measure = step.question().measure();
            Map<String, String> extras = new java.util.LinkedHashMap<>();
            List<String> choices = step.question().choices();
            for (int i = 0; i < choices.size(); i++) {
                extras.put(field + ".question.choices[" + i + "]", choices.get(i));
            }
            extras.put(field + ".question.measure.mode", measure.mode());
            extras.put(field + ".question.measure.baseline", measure.baseline());
            for (Map.Entry<String, String> extra : extras.entrySet()) {
                String name = extra.getValue();
                if (name != null && modes.stream().noneMatch(r -> r.name().equals(name))) {
                    if (!Catalog.isBuiltInMode(name)) {
                        throw YamlFiles.faultAt(file(lesson), extra.getKey(), unknownMode(name));
                    }
                    modes.add(Reference.of(name));
                }
            }
        }
        if (step.recording() != null) {
            Path recording = folder.resolve(step.recording());
            try {
                Recording.read(recording);
            } catch (ScenarioException e) {
                throw YamlFiles.faultAt(file(lesson), field + ".recording", e.getMessage());
            }
        }
        Scenario adjusted = scenario.withModes(modes).withWorkload(scenario.workload().withRequests(step.requests()));
        return LoadedScenario.resolve(adjusted, source);
    }

    private static void checkMode(Reference mode, String where, String field) throws ScenarioException {
        if (!Catalog.isBuiltInMode(mode.name())) {
            throw new ScenarioException(where, mode.line(), mode.column(), field, unknownMode(mode.name()));
        }
    }

    private static String unknownMode(String name) {
        return "unknown mode '" + name + "' (built in: " + Catalog.builtInModes() + ")";
    }

    /** Computes a step's answer by simulating its scenario. */
    public Answer answer(String lesson, LessonStep step, int stepIndex) throws ScenarioException {
        Question question = step.question();
        Measure m = question.measure();
        if (m.metric() == Metric.CLUSTER_MEMORY_GB) {
            Map<String, Double> f = m.figures();
            return Answer.number(f.get("nodes") * f.get("podsPerNode") * f.get("mbPerProxy") / 1000, "GB");
        }
        LoadedScenario loaded = scenario(lesson, step, stepIndex);
        if (m.isChoice()) {
            String best = question.choices().stream()
                    .min((a, b) -> Double.compare(m.metric().rank(report(loaded, a)), m.metric().rank(report(loaded, b))))
                    .orElseThrow();
            return Answer.choice(best);
        }
        RunReport r = report(loaded, m.mode());
        Metric divided = m.metric().ratioOf();
        if (divided != null) {
            return Answer.number(Math.round(divided.of(r) / divided.of(report(loaded, m.baseline())) * 100) / 100.0,
                    m.metric().unit());
        }
        return Answer.number(m.metric().of(r), m.metric().unit());
    }

    /** The simulated report of one mode of a loaded step scenario, computed once. */
    public RunReport report(LoadedScenario loaded, String mode) {
        Mode m = loaded.modes().stream().filter(x -> x.name().equals(mode)).findFirst().orElseThrow();
        String key = loaded.source() + "|" + loaded.scenario().seed() + "|" + loaded.scenario().workload() + "|" + mode;
        return runs.computeIfAbsent(key, k -> ModeRun.simulate(loaded, m, 0).report());
    }
}
