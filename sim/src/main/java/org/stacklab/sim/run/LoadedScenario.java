package org.stacklab.sim.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.Scenario;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.workload.Workload;

/**
 * A scenario with its profile and modes read and checked: everything a run needs.
 *
 * @param scenario the scenario as written (or as changed on the command line)
 * @param source   where it came from, for messages: a file path or "scenario 'default'"
 * @param profile  its cost profile
 * @param modes    its modes, in the scenario's order
 */
public record LoadedScenario(Scenario scenario, String source, CostProfile profile, List<Mode> modes) {

    public LoadedScenario {
        modes = List.copyOf(modes);
    }

    /** Reads a scenario by built-in name or file path, and everything it refers to. */
    public static LoadedScenario load(String nameOrFile) throws ScenarioException {
        return resolve(Catalog.scenario(nameOrFile), nameOrFile);
    }

    /**
     * Resolves a scenario's profile and modes.
     *
     * @param nameOrFile where the scenario came from; file names in it are relative to its folder
     */
    public static LoadedScenario resolve(Scenario scenario, String nameOrFile) throws ScenarioException {
        Path base = Catalog.baseOf(nameOrFile);
        String source = nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") ? nameOrFile
                : "scenario '" + nameOrFile + "'";
        CostProfile profile = Catalog.profile(scenario.profile(), base, source, "profile");
        List<Mode> modes = new ArrayList<>();
        for (int i = 0; i < scenario.modes().size(); i++) {
            Reference ref = scenario.modes().get(i);
            modes.add(Catalog.mode(ref, base, source, "modes[" + i + "]"));
        }
        return new LoadedScenario(scenario, source, profile, modes);
    }

    /** The same scenario with another seed. */
    public LoadedScenario scenarioWithSeed(long seed) {
        return new LoadedScenario(scenario.withSeed(seed), source, profile, modes);
    }

    /** The same scenario with another workload. */
    public LoadedScenario scenarioWithWorkload(Workload workload) {
        return new LoadedScenario(scenario.withWorkload(workload), source, profile, modes);
    }
}
