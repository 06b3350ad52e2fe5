package org.stacklab.sim.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.topology.TwoNodes;

/**
 * The built-in scenarios, modes and cost profiles, and the resolution of a name to one of them or
 * to a YAML file. A name ending in {@code .yaml} or {@code .yml} is a file, relative to the folder
 * of the file that names it; any other name is built in.
 */
public final class Catalog {

    /**
     * The modes of the lab's lists and of {@code --mode all}. Any of the one-node modes also runs with its pods on
     * two nodes ({@code sockmap@two-nodes}, {@code kube-proxy@two-nodes-vxlan}); a few such are listed here too.
     */
    public static final List<String> BUILT_IN_MODES = List.of("direct", "sidecar", "sockmap", "sidecar+sockmap", "ambient",
            "ambient+waypoint", "node-proxy", "host-routing", "kube-proxy", "socket-lb", "direct@two-nodes",
            "direct@two-nodes-vxlan", "sidecar@two-nodes", "ambient@two-nodes");
    /** The modes written as files: the built-in modes on one node. */
    public static final List<String> ONE_NODE_MODES = BUILT_IN_MODES.stream().filter(m -> !m.contains(Mode.SPREAD_MARK))
            .toList();
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
        check(nameOrFile, BUILT_IN_SCENARIOS, String.join(", ", BUILT_IN_SCENARIOS), "scenario", nameOrFile, 0, 0, "");
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
        int mark = ref.name().lastIndexOf(Mode.SPREAD_MARK);
        if (mark < 0) {
            return modeOnOneNode(ref, ref.name(), base, where, field);
        }
        String suffix = ref.name().substring(mark + 1);
        TwoNodes spread = TwoNodes.ofSuffix(suffix);
        if (spread == null) {
            throw new ScenarioException(where, ref.line(), ref.column(), field, "unknown spread '" + suffix + "' in mode '"
                    + ref.name() + "' (a mode's pods go on " + String.join(" or ", TwoNodes.suffixes()) + ")");
        }
        Mode one = modeOnOneNode(ref, ref.name().substring(0, mark), base, where, field);
        try {
            return one.onTwoNodes(spread);
        } catch (InvalidValue e) {
            throw new ScenarioException(where, ref.line(), ref.column(), field, "mode '" + ref.name() + "': " + e.getMessage());
        }
    }

    /** Whether a name is a built-in mode, on one node or two ({@code sockmap@two-nodes}). */
    public static boolean isBuiltInMode(String name) {
        int mark = name.lastIndexOf(Mode.SPREAD_MARK);
        return mark < 0 ? ONE_NODE_MODES.contains(name)
                : ONE_NODE_MODES.contains(name.substring(0, mark)) && TwoNodes.ofSuffix(name.substring(mark + 1)) != null;
    }

    /** The built-in modes, for messages: the files' names and how to put any on two nodes. */
    public static String builtInModes() {
        return String.join(", ", ONE_NODE_MODES) + ", each also on two nodes as <mode>@"
                + String.join(" or <mode>@", TwoNodes.suffixes());
    }

    private static Mode modeOnOneNode(Reference ref, String name, Path base, String where, String field)
            throws ScenarioException {
        if (isFile(name)) {
            return YamlFiles.read(resolve(new Reference(name, ref.line(), ref.column()), base, where, field), Mode.class);
        }
        if (name.contains(Mode.SPREAD_MARK)) {
            throw new ScenarioException(where, ref.line(), ref.column(), field, "mode '" + ref.name()
                    + "' spreads its pods twice: a one-node mode goes on two nodes once, as <mode>@"
                    + String.join(" or <mode>@", TwoNodes.suffixes()));
        }
        check(name, ONE_NODE_MODES, builtInModes(), "mode", where, ref.line(), ref.column(), field);
        String file = name.replace('+', '-') + ".yaml";
        return YamlFiles.readResource(ROOT + "modes/" + file, "mode '" + name + "'", Mode.class);
    }

    /** Resolves a cost-profile reference. */
    public static CostProfile profile(Reference ref, Path base, String where, String field) throws ScenarioException {
        if (isFile(ref.name())) {
            return YamlFiles.read(resolve(ref, base, where, field), CostProfile.class);
        }
        check(ref.name(), BUILT_IN_PROFILES, String.join(", ", BUILT_IN_PROFILES), "profile", where, ref.line(), ref.column(), field);
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

    /** Refuses a name that is none of the known, saying which are built in ({@code said}). */
    private static void check(String name, List<String> known, String said, String what, String where, int line,
                              int column, String field) throws ScenarioException {
        if (!known.contains(name)) {
            throw new ScenarioException(where, line, column, field, "unknown " + what + " '" + name
                    + "' (built in: " + said + "; or a path to a .yaml file)");
        }
    }
}
