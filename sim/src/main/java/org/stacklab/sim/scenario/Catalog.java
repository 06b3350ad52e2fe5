package org.stacklab.sim.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.mode.Mode;

/**
 * The built-in scenarios, modes and cost profiles, and the resolution of a name to one of them or
 * to a YAML file. A name ending in {@code .yaml} or {@code .yml} is a file, relative to the folder
 * of the file that names it; any other name is built in.
 */
public final class Catalog {

    public static final List<String> BUILT_IN_MODES = List.of("direct", "sidecar", "sockmap", "sidecar+sockmap", "ambient",
            "ambient+waypoint", "node-proxy", "host-routing", "kube-proxy", "socket-lb", "two-nodes", "two-nodes-vxlan");
    public static final List<String> BUILT_IN_PROFILES = List.of("lab-vm", "bare-metal");
    public static final List<String> BUILT_IN_SCENARIOS = List.of("default", "open-loop", "new-connections",
            "bulk", "stream");
    public static final String DEFAULT_SCENARIO = "default";

    private static final String ROOT = "/org/stacklab/sim/";

    private Catalog() {
    }

    /** A scenario by built-in name or file path. */
    public static Scenario scenario(String nameOrFile) throws ScenarioException {
        if (isFile(nameOrFile)) {
            return YamlFiles.read(Path.of(nameOrFile), Scenario.class);
        }
        check(nameOrFile, BUILT_IN_SCENARIOS, "scenario", nameOrFile, 0, 0, "");
        return YamlFiles.readResource(ROOT + "scenarios/" + nameOrFile + ".yaml", "scenario '" + nameOrFile + "'",
                Scenario.class);
    }

    /** The folder that file names inside a scenario are relative to. */
    public static Path baseOf(String scenarioNameOrFile) {
        if (isFile(scenarioNameOrFile)) {
            Path parent = Path.of(scenarioNameOrFile).toAbsolutePath().getParent();
            return parent == null ? Path.of(".") : parent;
        }
        return Path.of(".");
    }

    /**
     * Resolves a mode reference.
     *
     * @param where the file that holds the reference, for messages
     * @param field the field that holds it, for messages
     */
    public static Mode mode(Reference ref, Path base, String where, String field) throws ScenarioException {
        if (isFile(ref.name())) {
            return YamlFiles.read(resolve(ref, base, where, field), Mode.class);
        }
        check(ref.name(), BUILT_IN_MODES, "mode", where, ref.line(), ref.column(), field);
        String file = ref.name().replace('+', '-') + ".yaml";
        return YamlFiles.readResource(ROOT + "modes/" + file, "mode '" + ref.name() + "'", Mode.class);
    }

    /** Resolves a cost-profile reference. */
    public static CostProfile profile(Reference ref, Path base, String where, String field) throws ScenarioException {
        if (isFile(ref.name())) {
            return YamlFiles.read(resolve(ref, base, where, field), CostProfile.class);
        }
        check(ref.name(), BUILT_IN_PROFILES, "profile", where, ref.line(), ref.column(), field);
        return YamlFiles.readResource(ROOT + "profiles/" + ref.name() + ".yaml", "profile '" + ref.name() + "'",
                CostProfile.class);
    }

    private static Path resolve(Reference ref, Path base, String where, String field) throws ScenarioException {
        Path file = base.resolve(ref.name());
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(where, ref.line(), ref.column(), field, "no such file " + file);
        }
        return file;
    }

    private static boolean isFile(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static void check(String name, List<String> known, String what, String where, int line, int column,
                              String field) throws ScenarioException {
        if (!known.contains(name)) {
            throw new ScenarioException(where, line, column, field, "unknown " + what + " '" + name
                    + "' (built in: " + String.join(", ", known) + "; or a path to a .yaml file)");
        }
    }
}
