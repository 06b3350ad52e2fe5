package org.stacklab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.Comparison;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stacklab compare}: several modes of one scenario side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Simulate several modes of a scenario and print them side by side, with ratios to direct.")
final class CompareCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--modes", split = ",", paramLabel = "M[,M...]",
            description = "Modes to compare (default: the scenario's; built in: direct, sidecar, sockmap, sidecar+sockmap).")
    List<String> modes;

    @Option(names = "--json", description = "Print the comparison as JSON (schema stacklab.compare/2).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedScenario loaded = scenario.load(modes);
        Progress progress = new Progress(spec.commandLine().getErr());
        List<RunReport> runs = new ArrayList<>();
        for (Mode mode : loaded.modes()) {
            progress.say("simulating " + mode.name() + " (" + (runs.size() + 1) + "/" + loaded.modes().size() + ")");
            runs.add(ModeRun.simulate(loaded, mode, 0).report());
        }
        progress.done();
        Comparison comparison = Comparison.of(runs);
        spec.commandLine().getOut().print(json ? Json.write(comparison) : ReportTable.render(runs, comparison));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
