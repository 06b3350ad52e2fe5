package org.stacklab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.Recording;
import org.stacklab.sim.calibrate.Calibration;
import org.stacklab.sim.calibrate.CorrelationFit;
import org.stacklab.sim.calibrate.WakePlacementFit;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.calibrate.DistributionFit;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.workload.Workload;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.scenario.YamlFiles;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.trace.StageVisit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stacklab calibrate}: a cost profile fitted to live recordings made on this machine. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit the simulator's stage costs to live recordings (stacklab probe run --out) and write a profile.")
final class CalibrateCommand implements Callable<Integer> {

    /**
     * Measured visits of these stages set the shape of the stage the model spends that time in
     * (wake-ups are fitted context by context, from every measured one).
     */
    private static final Map<Stage, Stage> SHAPE_FROM = Map.of(Stage.PROXY, Stage.PROXY);

    @Parameters(arity = "1..*", paramLabel = "RECORDING", description = "Recordings made by stacklab probe run --out.")
    List<Path> recordings;

    @Option(names = "--out", paramLabel = "PROFILE.yaml", required = true, description = "Where to write the profile.")
    Path out;

    @Option(names = "--base", paramLabel = "NAME|FILE", defaultValue = "lab-vm",
            description = "The profile to calibrate: its split of time within a segment is kept. Default: ${DEFAULT-VALUE}.")
    String base;

    @Option(names = "--bytes", paramLabel = "B",
            description = "Calibrate from the measurements with B-byte messages only (recordings made with"
                    + " probe run --sizes hold several); the others are left to check the profile against.")
    Integer bytes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AtomicFiles.checkWritable(out);
        CostProfile baseProfile = Catalog.profile(Reference.of(base), Path.of("."), "--base", "base");
        List<Calibration.Observation> observations = new ArrayList<>();
        Map<Stage, List<Double>> samples = new EnumMap<>(Stage.class);
        List<String> names = new ArrayList<>();
        java.util.SortedSet<Integer> sizesRecorded = new java.util.TreeSet<>();
        // Each measured mode as its scenario (base profile) and measured round trips, by what it calibrates.
        List<CorrelationFit.Target> ontoIdleCpus = new ArrayList<>();
        List<CorrelationFit.Target> sameCpu = new ArrayList<>();
        List<CorrelationFit.Target> scheduler = new ArrayList<>();
        List<Double> wakersCpuShares = new ArrayList<>();
        for (Path file : recordings) {
            Recording recording = Recording.read(file);
            names.add(file.getFileName().toString());
            for (int i = 0; i < recording.measurements().size(); i++) {
                LiveMeasurement m = recording.measurements().get(i);
                if (m.measuredSegmentsUs() == null) {
                    continue;
                }
                sizesRecorded.add(m.messageBytes());
                if (bytes != null && m.messageBytes() != bytes) {
                    continue;
                }
                LoadedScenario loaded = scenarioOf(recording, m, baseProfile, file, i);
                // The contexts' costs are those of wake-ups onto idle CPUs (spread, or an older recording, which says
                // nothing): a same-CPU recording's wake-ups all run on a busy CPU and fit the busy-CPU factor, and
                // one left to the scheduler, a mix of both, gives the share beside the waker.
                CorrelationFit.Target target = new CorrelationFit.Target(loaded, m.latencyUs());
                if (m.placement() == CpuPlacement.SAME_CPU) {
                    sameCpu.add(target);
                    continue;
                }
                if (m.placement() == CpuPlacement.SCHEDULER) {
                    if (m.wakeupsOnWakersCpu() != null) {
                        wakersCpuShares.add(m.wakeupsOnWakersCpu());
                    }
                    scheduler.add(target);
                    continue;
                }
                Mode mode = loaded.modes().get(0);
                Workload workload = loaded.scenario().workload();
                observations.add(new Calibration.Observation(m.mode(), m.measuredSegmentsUs(),
                        Calibration.simulatedContextsUs(loaded, mode), m.latencyUs().mean(),
                        new PathProgram(mode, workload.requestBytes(), workload.responseBytes(), false).wakeupContexts(),
                        m.wakeupsNs() == null ? List.of() : m.wakeupsNs()));
                ontoIdleCpus.add(target);
                for (StageVisit v : m.trace()) {
                    if (SHAPE_FROM.containsKey(v.stage()) && v.request() > 0) { // the first trip includes set-up
                        samples.computeIfAbsent(SHAPE_FROM.get(v.stage()), s -> new ArrayList<>())
                                .add((double) v.durationNs());
                    }
                }
            }
        }
        if (observations.isEmpty()) {
            throw new UserError(sizesRecorded.isEmpty() || bytes == null
                    ? "the recordings hold no measurement with the path probe's segments"
                    : "the recordings hold no measurement of " + bytes + " B messages; they hold "
                            + sizesRecorded.stream().map(b -> b + " B").collect(java.util.stream.Collectors.joining(", ")));
        }
        Calibration calibration = Calibration.of(observations);
        Map<Stage, DistributionFit> shapes = new EnumMap<>(Stage.class);
        samples.forEach((stage, times) -> {
            if (times.size() >= 10) {
                shapes.put(stage, DistributionFit.of(times.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        });
        String profileName = out.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        CostProfile fitted = calibration.apply(baseProfile, profileName, String.join(", ", names), shapes);
        // Both fits set the profile they are given into the targets' scenarios.
        CorrelationFit correlation = CorrelationFit.of(fitted, ontoIdleCpus);
        CostProfile correlated = correlation.applyTo(fitted);
        WakePlacementFit placementFit = WakePlacementFit.of(correlated, sameCpu, wakersCpuShares);
        CostProfile calibrated = placementFit.applyTo(correlated);

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-26s %14s %16s %8s%n", "cost context", "measured µs", "simulated µs", "factor");
        calibration.report().forEach((context, fit) -> o.printf(Locale.ROOT, "%-26s %14.2f %16.2f %8.3f%n", context,
                fit.measuredUs(), fit.simulatedUs(), fit.factor()));
        calibration.wakeupSpreads().forEach((context, fit) -> o.printf(Locale.ROOT,
                "%s wake-ups: %s %.3f from %,d measured, KS D %.3f%n", context, fit.distribution().family(),
                fit.distribution().shape(), fit.samples(), fit.ksDistance()));
        o.printf(Locale.ROOT, "a round trip's wake-ups go together: correlation %.3f (normal scores);"
                + " the round trips' spread chose %.2f (p50 and p90 off by %.3f in all, %.3f at the scores')%n",
                calibration.wakeupCorrelation(), correlation.correlation(), correlation.miss(), correlation.missAtScore());
        if (!placementFit.why().isEmpty()) {
            o.println("where wake-ups run:" + placementFit.why());
        }
        shapes.forEach((stage, fit) -> o.printf(Locale.ROOT, "shape of %s: %s %.3f from %d visits, KS D %.3f%n", stage,
                fit.distribution().family(), fit.distribution().shape(), fit.samples(), fit.ksDistance()));
        o.printf(Locale.ROOT, "%n%-18s %23s %23s %23s%n", "µs, p50 / p90", "measured", "before", "after");
        for (List<CorrelationFit.Target> kind : List.of(ontoIdleCpus, sameCpu, scheduler)) {
            for (CorrelationFit.Target t : kind) {
                LoadedScenario before = t.scenario();
                LoadedScenario after = new LoadedScenario(before.scenario(), before.source(), calibrated, before.modes());
                o.printf(Locale.ROOT, "%-18s %23s %23s %23s%n", before.modes().get(0).name(), percentiles(t.measuredUs()),
                        percentiles(ModeRun.simulate(before, before.modes().get(0), 0).report().latencyUs()),
                        percentiles(ModeRun.simulate(after, after.modes().get(0), 0).report().latencyUs()));
            }
        }
        o.flush();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        AtomicFiles.write(out, stream -> yaml.writeValue(stream, calibrated));
        o.println("Profile written to " + out + " (use it with --profile " + out + ")");
        o.flush();
        return 0;
    }

    private static String percentiles(RunReport.Latency latency) {
        return String.format(Locale.ROOT, "%.2f / %.2f", latency.p50(), latency.p90());
    }

    /**
     * The workload a measurement ran (one connection, its round trips, its message size both ways,
     * as the driver echoes), on the recording's built-in scenario (else the default), with the base profile.
     */
    private static LoadedScenario scenarioOf(Recording recording, LiveMeasurement m, CostProfile profile, Path file,
                                             int index) throws Exception {
        String name = Catalog.BUILT_IN_SCENARIOS.contains(recording.scenario()) ? recording.scenario()
                : Catalog.DEFAULT_SCENARIO;
        LoadedScenario loaded = LoadedScenario.load(name);
        Workload measured = m.workload(loaded.scenario().workload());
        var scenario = loaded.scenario().withModes(List.of(Reference.of(m.mode()))).withWorkload(
                measured.withRequests(Math.min(measured.requests(), 20_000)));
        if (m.placement() != null) {
            scenario = scenario.withPlacement(m.placement());
        }
        LoadedScenario resolved;
        try {
            resolved = LoadedScenario.resolve(scenario, name);
        } catch (ScenarioException e) {
            throw YamlFiles.faultAt(file, "measurements[" + index + "].mode", e.problem());
        }
        return new LoadedScenario(resolved.scenario(), resolved.source(), profile, resolved.modes());
    }
}
