package org.stacklab.sim.run;

import java.util.List;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.model.EventGrain;
import org.stacklab.sim.model.StackModel;
import org.stacklab.sim.model.VisitListener;
import org.stacklab.sim.model.VisitListeners;
import org.stacklab.sim.path.Hop;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.report.RunStats;
import org.stacklab.sim.scenario.Scenario;
import org.stacklab.sim.trace.StageVisit;
import org.stacklab.sim.trace.TraceRecorder;
import org.stacklab.sim.workload.Workload;

/**
 * One mode of a scenario, simulated to the end.
 *
 * @param report the run's statistics
 * @param trace  the stage visits of the first requests (as many as asked for), in the order they ended
 */
public record ModeRun(RunReport report, List<StageVisit> trace) {

    /**
     * Simulates every request of the scenario's workload through {@code mode}.
     *
     * @param traceRequests how many requests' visits to keep (0 keeps none, and memory stays flat)
     */
    public static ModeRun simulate(LoadedScenario loaded, Mode mode, long traceRequests) {
        Scenario scenario = loaded.scenario();
        Workload workload = scenario.workload();
        PathProgram program = PathProgram.of(mode, workload);
        RunStats stats = new RunStats();
        TraceRecorder recorder = new TraceRecorder(traceRequests);
        VisitListener listener = traceRequests > 0 ? VisitListeners.both(stats, recorder) : stats;
        StackModel model = new StackModel(program, loaded.profile(), workload, scenario.cpus(), scenario.cpuPlacement(), 1,
                EventGrain.STAGE, scenario.seed(), listener);
        model.run();
        RunReport report = RunReport.of(scenario.name(), mode.name(), mode.title(), loaded.profile().name(),
                scenario.seed(), scenario.cpus(), workload, mode.path().stream().map(Hop::toString).toList(), stats,
                model.requestsInFlight(), model.simulator().eventsFired());
        return new ModeRun(report, recorder.visits());
    }
}
