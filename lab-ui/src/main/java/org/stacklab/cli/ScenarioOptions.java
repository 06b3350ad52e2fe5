package org.stacklab.cli;

import java.util.List;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.Scenario;
import org.stacklab.sim.scenario.ScenarioException;
import picocli.CommandLine.Option;

/** The options that choose and adjust a scenario, shared by the simulating commands. */
final class ScenarioOptions {

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = Catalog.DEFAULT_SCENARIO,
            description = "A built-in scenario (${COMPLETION-CANDIDATES}) or a scenario .yaml file. Default: ${DEFAULT-VALUE}.",
            completionCandidates = BuiltInScenarios.class)
    String scenario;

    @Option(names = "--requests", paramLabel = "N", description = "Requests to simulate (default: the scenario's).")
    Long requests;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: the scenario's).")
    Long seed;

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "Cost profile: lab-vm, bare-metal or a .yaml file (default: the scenario's).")
    String profile;

    /** Reads the scenario, applies the options, and resolves its profile and the given modes. */
    LoadedScenario load(List<String> modes) throws ScenarioException {
        Scenario scenario = Catalog.scenario(this.scenario);
        // The file is checked whole, modes and profile included, even where options replace some of it.
        LoadedScenario.resolve(scenario, this.scenario);
        if (requests != null) {
            if (requests < 1) {
                throw new UserError("--requests must be at least 1, not " + requests);
            }
            scenario = scenario.withWorkload(scenario.workload().withRequests(requests));
        }
        if (seed != null) {
            scenario = scenario.withSeed(seed);
        }
        if (profile != null) {
            scenario = scenario.withProfile(Reference.of(profile));
        }
        if (modes != null && !modes.isEmpty()) {
            scenario = scenario.withModes(references(modes));
        }
        return LoadedScenario.resolve(scenario, this.scenario);
    }

    /** The modes an option names, each once: a mode named twice is the user's slip, said as such. */
    static List<Reference> references(List<String> modes) {
        for (int i = 0; i < modes.size(); i++) {
            if (modes.subList(0, i).contains(modes.get(i))) {
                throw new UserError("mode '" + modes.get(i) + "' is named twice on the command line");
            }
        }
        return modes.stream().map(Reference::of).toList();
    }

    static final class BuiltInScenarios implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Catalog.BUILT_IN_SCENARIOS.iterator();
        }
    }
}
