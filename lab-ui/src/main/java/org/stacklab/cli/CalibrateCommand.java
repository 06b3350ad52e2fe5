package org.stacklab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stacklab.probe.run.Recording;
import org.stacklab.sim.calibrate.Calibration;
import org.stacklab.sim.calibrate.DistributionFit;
import org.stacklab.sim.calibrate.SpreadFit;
import org.stacklab.sim.calibrate.WakePlacementFit;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.cost.TimerCost;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.stack.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stacklab calibrate}: a cost profile fitted to live recordings made on this machine. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit the simulator's stage costs to live recordings (stacklab probe run --out) and write a profile.")
final class CalibrateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RECORDING", description = "Recordings made by stacklab probe run --out.")
    List<Path> recordings;

    @Option(names = "--out", paramLabel = "PROFILE.yaml", required = true, description = "Where to write the profile.")
    Path out;

    @Option(names = "--base", paramLabel = "NAME|FILE", defaultValue = "lab-vm",
            description = "The profile to calibrate: its split of time within a segment is kept. Default: ${DEFAULT-VALUE}.")
    String base;

    @Option(names = "--bytes", paramLabel = "B",
            description = "Fit the factors to the measurements with B-byte messages (default: the smallest"
                    + " recorded); ping-pongs of a mode at several sizes (probe run --sizes) fit what a byte costs.")
    Integer bytes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AtomicFiles.checkWritable(out);
        CostProfile baseProfile = Catalog.profile(Reference.of(base), Path.of("."), "--base", "base");
        List<RecordingFit.Source> sources = new ArrayList<>();
        for (Path file : recordings) {
            sources.add(new RecordingFit.Source(Recording.read(file), file));
        }
        String profileName = out.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        RecordingFit fitted = RecordingFit.of(sources, baseProfile, bytes, profileName);
        Calibration calibration = fitted.calibration();
        SpreadFit spread = fitted.spread();
        WakePlacementFit placementFit = fitted.placement();
        Map<Stage, DistributionFit> shapes = fitted.shapes();
        CostProfile calibrated = fitted.calibrated();

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-26s %14s %16s %8s%n", "cost context", "measured µs", "simulated µs", "factor");
        calibration.report().forEach((context, fit) -> o.printf(Locale.ROOT, "%-26s %14.2f %16.2f %8.3f%n", context,
                fit.measuredUs(), fit.simulatedUs(), fit.factor()));
        calibration.wakeupSpreads().forEach((context, fit) -> o.printf(Locale.ROOT,
                "%s wake-ups: %s %.3f from %,d measured, KS D %.3f%n", context, fit.distribution().family(),
                fit.distribution().shape(), fit.samples(), fit.ksDistance()));
        fitted.perByte().report().forEach((context, fit) -> o.printf(Locale.ROOT, "%s per byte: %s, factor %.3f%n",
                context, fit, fitted.perByte().factors().get(context)));
        o.printf(Locale.ROOT, "a round trip's wake-ups go together: correlation %.3f (normal scores);"
                + " the round trips' spread chose %.2f, and its work a spread of %.3f (p50 and p90 off by %.3f in"
                + " all, %.3f at the scores')%n", calibration.wakeupCorrelation(), spread.correlation(),
                spread.workSpread(), spread.miss(), spread.missAtScore());
        if (!placementFit.why().isEmpty()) {
            o.println("where wake-ups run:" + placementFit.why());
        }
        if (fitted.targets().get(1).isEmpty() && calibrated.wakePlacement().busyCpuFactor() == 1) {
            // Measured here (sockmap, spread, 2026-12-02): calibrated on spread alone, 4 connections predicted
            // 106 µs against 31 measured; with a same-CPU recording beside it, 48.
            o.println("note: no recording here ran every process on one CPU, so what a switch onto a busy CPU costs"
                    + " is not measured and is taken as a wake-up of an idle one: with several connections this"
                    + " profile's latency comes out far too high. Record one and calibrate on both: sudo ./stacklab"
                    + " probe run --placement same-cpu --out same-cpu.json; ./stacklab calibrate "
                    + String.join(" ", recordings.stream().map(Path::toString).toList()) + " same-cpu.json --out "
                    + out);
        }
        shapes.forEach((stage, fit) -> o.printf(Locale.ROOT, "shape of %s: %s %.3f from %d visits, KS D %.3f%n", stage,
                fit.distribution().family(), fit.distribution().shape(), fit.samples(), fit.ksDistance()));
        if (calibrated.timers() != null) {
            TimerCost timers = calibrated.timers();
            o.printf(Locale.ROOT, "timers (an open loop's arrivals): late %.1f µs at p50, %.1f at p90; %.1f µs of CPU a"
                    + " wake-up%n", timers.latenessUs(0.5), timers.latenessUs(0.9), timers.cpuNs() / 1e3);
        }
        // As wide as the longest mode's name ("direct@two-nodes-vxlan"), so the columns stay aligned.
        int modeWidth = fitted.targets().stream().flatMap(List::stream).mapToInt(t -> t.scenario().modes().get(0)
                .name().length()).max().orElse(0);
        String row = "%-" + Math.max(18, modeWidth) + "s %23s %23s %23s%n";
        o.printf(Locale.ROOT, "%n" + row, "µs, p50 / p90", "measured", "before", "after");
        for (List<SpreadFit.Target> kind : fitted.targets()) {
            for (SpreadFit.Target t : kind) {
                LoadedScenario before = t.scenario();
                LoadedScenario after = new LoadedScenario(before.scenario(), before.source(), calibrated, before.modes());
                o.printf(Locale.ROOT, row, before.modes().get(0).name(), percentiles(t.measuredUs()),
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
}
