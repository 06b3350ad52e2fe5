package org.stacklab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.trace.PathTrace;
import org.stacklab.sim.trace.PerfettoExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stacklab sim}: one mode of a scenario, in detail. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Simulate one mode of a scenario: latency, where the time went, stack traversals.")
final class SimCommand implements Callable<Integer> {

    /** The formats of --trace-out. */
    enum TraceFormat { perfetto, stacklab }

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--mode", paramLabel = "M", defaultValue = "sidecar",
            description = "The mode: direct, sidecar, sockmap, sidecar+sockmap or a mode .yaml file. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--json", description = "Print the run as JSON (schema stacklab.run/2).")
    boolean json;

    @Option(names = "--trace-out", paramLabel = "FILE", description = "Write the path trace of the first requests to FILE.")
    Path traceOut;

    @Option(names = "--trace-format", paramLabel = "F", defaultValue = "perfetto",
            description = "perfetto (Chrome trace-event JSON for ui.perfetto.dev) or stacklab (schema stacklab.trace/1). Default: ${DEFAULT-VALUE}.")
    TraceFormat traceFormat;

    @Option(names = "--trace-requests", paramLabel = "N", defaultValue = "20",
            description = "How many requests --trace-out keeps. Default: ${DEFAULT-VALUE}.")
    long traceRequests;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (traceRequests < 1) {
            throw new UserError("--trace-requests must be at least 1, not " + traceRequests);
        }
        if (traceOut != null) {
            AtomicFiles.checkWritable(traceOut);
        }
        LoadedScenario loaded = scenario.load(List.of(mode));
        ModeRun run = ModeRun.simulate(loaded, loaded.modes().get(0), traceOut == null ? 0 : traceRequests);
        spec.commandLine().getOut().print(json ? Json.write(run.report())
                : ReportTable.render(List.of(run.report()), null));
        spec.commandLine().getOut().flush();
        if (traceOut != null) {
            String title = "Stack Lab: " + run.report().scenario() + ", " + run.report().mode() + ", seed "
                    + run.report().seed();
            PathTrace trace = new PathTrace(PathTrace.SCHEMA, "simulator", run.report().scenario(),
                    run.report().mode(), run.report().seed(), run.trace());
            AtomicFiles.write(traceOut, out -> {
                if (traceFormat == TraceFormat.perfetto) {
                    PerfettoExport.write(title, trace.visits(), out);
                } else {
                    Json.write(trace, out);
                }
            });
        }
        if (traceOut != null && !json) {
            spec.commandLine().getOut().println("Trace of " + traceRequests + " requests written to " + traceOut
                    + (traceFormat == TraceFormat.perfetto ? " (open it in ui.perfetto.dev)" : ""));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
