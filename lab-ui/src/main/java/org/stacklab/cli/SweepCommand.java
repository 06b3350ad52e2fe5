package org.stacklab.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.lab.LabException;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.ProbeOptions;
import org.stacklab.probe.run.ProbeRun;
import org.stacklab.probe.run.Recording;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.io.EnumNames;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.report.Throughput;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.run.Sweep;
import org.stacklab.sim.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stacklab sweep}: one factor of the scenario's workload over values, mode by mode, simulated
 * and (with {@code --live}, as root) measured beside it: a table and a picture of latency against load.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Vary connections, open-loop rate, message size or the cluster's services over values, mode by mode: the model's"
                + " p50 and p90, and with --live the measured ones beside them (as root), as a table and an SVG.")
final class SweepCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--modes", paramLabel = "M[,M…]", split = ",", defaultValue = "direct,sidecar,sockmap",
            description = "Modes to sweep. Default: ${DEFAULT-VALUE}.")
    List<String> modes;

    @Option(names = "--over", paramLabel = "FACTOR", required = true,
            description = "What varies: connections, rate (open loop, requests/s), size (bytes each way) or services"
                    + " (the cluster's, for a mode whose server is behind a ClusterIP).")
    String over;

    @Option(names = "--values", paramLabel = "V[,V…]", split = ",", required = true, description = "Its values.")
    List<Double> values;

    @Option(names = "--live", description = "Also measure each mode for real at every value (root; the values take"
            + " turns in one lab per mode), the model beside each under the same placement.")
    boolean live;

    @Option(names = "--placement", paramLabel = "P",
            description = "Where the processes run: spread, same-cpu or scheduler. Default: the scenario's, else"
                    + " spread when --live, the scheduler's when simulated only.")
    CpuPlacement placement;

    @Option(names = "--turns", paramLabel = "N", defaultValue = "5",
            description = "With --live, the turns the values take in each mode's lab. Default: ${DEFAULT-VALUE}.")
    int turns;

    @Option(names = "--plot", paramLabel = "FILE.svg", description = "Draw p50 against the factor, a line per mode.")
    Path plot;

    @Option(names = "--out", paramLabel = "FILE.json", description = "With --live, save the measurements as a recording.")
    Path out;

    @Spec
    CommandSpec spec;

    /**
     * One mode at one value: the model's latency and throughput, and the measured ones if measured (a stream's
     * messages are not timed one by one: its figure is its throughput).
     */
    record Point(double value, RunReport.Latency model, RunReport.Latency measured, Throughput modelThroughput,
                 Throughput measuredThroughput, double driverCpuUs) {
    }

    /** What a sweep's table and picture show: p50 and p90, or a stream's throughput. */
    enum Figure {
        LATENCY("p50, µs"), THROUGHPUT("Gbit/s");

        final String label;

        Figure(String label) {
            this.label = label;
        }

        static Figure of(Workload w) {
            return w.pattern() == Workload.Pattern.STREAM ? THROUGHPUT : LATENCY;
        }

        /** The plotted value of a point, modelled or measured. */
        double of(Point p, boolean measured) {
            return this == THROUGHPUT ? (measured ? p.measuredThroughput() : p.modelThroughput()).gbitPerSecond()
                    : (measured ? p.measured() : p.model()).p50();
        }
    }

    /** One lab of {@code mode}, measuring its workloads (in turns if several) beside the model. */
    private List<LiveMeasurement> measure(Mode mode, List<Workload> inLab, CpuPlacement where, LoadedScenario placed,
                                          java.util.function.LongConsumer progress) throws LabException, BpfException {
        return LiveMeasurement.beside(ProbeRun.measure(mode, ProbeOptions.full().withSockperf(false).withPlacement(where)
                .withTurns(inLab.size() > 1 ? turns : 1).withProgress(progress), inLab), placed, mode);
    }

    @Override
    public Integer call() throws Exception {
        Sweep.Factor factor;
        try {
            factor = EnumNames.parse(Sweep.Factor.class, over, "factor");
        } catch (IllegalArgumentException e) {
            throw new UserError("--over takes connections, rate, size or services, not " + over);
        }
        for (double v : values) {
            String why = factor.whyNot(v);
            if (why != null) {
                throw new UserError("--values: " + Sweep.label(v) + " is not a value of " + factor + ": " + why);
            }
        }
        if (out != null && !live) {
            throw new UserError("--out saves measurements: it needs --live");
        }
        if (out != null && factor.variesTheMode()) {
            throw new UserError("--out: a recording names each measurement by its mode, and a sweep over " + factor
                    + " measures one mode in several clusters; print or --plot it instead");
        }
        Sweep sweep = new Sweep(factor, values);
        LoadedScenario loaded = scenario.load(modes);
        CpuPlacement where = placement != null ? placement : loaded.scenario().placement() != null
                ? loaded.scenario().placement() : live ? CpuPlacement.SPREAD : CpuPlacement.SCHEDULER;
        List<Workload> workloads = sweep.workloads(loaded.scenario().workload());
        if (live) {
            for (Workload w : workloads) {
                String why = ProbeRun.whyNot(w);
                if (why != null) {
                    throw new UserError("--values: " + why);
                }
            }
            if (turns < 1 || turns > loaded.scenario().workload().requests()) {
                throw new UserError("--turns takes from 1 to the requests, not " + turns);
            }
        }
        if (plot != null) {
            AtomicFiles.checkWritable(plot);
        }
        if (out != null) {
            AtomicFiles.checkWritable(out);
        }
        if (live && !ProbeCommand.liveModeCanRun(spec, loaded.modes())) {
            return 1;
        }
        LoadedScenario placed = new LoadedScenario(loaded.scenario().withPlacement(where), loaded.source(),
                loaded.profile(), loaded.modes());
        Map<String, List<Point>> curves = new LinkedHashMap<>();
        List<LiveMeasurement> measured = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Progress progress = new Progress(spec.commandLine().getErr());
        for (Mode mode : placed.modes()) {
            List<Point> points = new ArrayList<>();
            List<LiveMeasurement> ms = new ArrayList<>();
            if (live) {
                long all = workloads.stream().mapToLong(Workload::requests).sum();
                progress.bar(mode.name(), 0, all);
                try {
                    if (factor.variesTheMode()) {
                        // Each value changes the mode itself: a lab of its own for each.
                        long before = 0;
                        for (int i = 0; i < values.size(); i++) {
                            long done = before;
                            ms.addAll(measure(factor.apply(mode, values.get(i)), List.of(workloads.get(i)), where, placed,
                                    d -> progress.bar(mode.name(), done + d, all)));
                            before += workloads.get(i).requests();
                        }
                    } else {
                        // The workloads take turns in one lab.
                        ms.addAll(measure(mode, workloads, where, placed, d -> progress.bar(mode.name(), d, all)));
                    }
                    measured.addAll(ms);
                } catch (LabException | BpfException e) {
                    // BpfException: this kernel refuses a program of the mode's data path (libbpf says why)
                    skipped.put(mode.name(), e.getMessage());
                    ms.clear();
                }
            } else {
                progress.say("simulating " + mode.name());
            }
            for (int i = 0; i < workloads.size(); i++) {
                if (ms.isEmpty()) {
                    RunReport model = ModeRun.simulate(placed.scenarioWithWorkload(workloads.get(i)),
                            factor.apply(mode, values.get(i)), 0).report();
                    points.add(new Point(values.get(i), model.latencyUs(), null, model.throughput(), null, 0));
                } else {
                    LiveMeasurement m = ms.get(i);
                    points.add(new Point(values.get(i), m.simulatedLatencyUs(), m.latencyUs(), m.simulatedThroughput(),
                            m.throughput(), m.driverCpuUs()));
                }
            }
            curves.put(mode.name(), points);
        }
        progress.done();
        var printed = spec.commandLine().getOut();
        printed.print(table(sweep, loaded, where, curves));
        skipped.forEach((mode, why) -> printed.println("Not measured: " + mode + ": " + why));
        if (plot != null) {
            String picture = SweepPlot.svg(sweep, Figure.of(loaded.scenario().workload()), curves,
                    loaded.scenario().name() + ", " + where + " placement");
            AtomicFiles.write(plot, stream -> stream.write(picture.getBytes(StandardCharsets.UTF_8)));
            printed.println("Plot written to " + plot);
        }
        if (out != null) {
            Recording recording = Recording.of(loaded.scenario().name(), measured, skipped);
            AtomicFiles.write(out, stream -> Json.write(recording, stream));
            printed.println("Recording written to " + out);
        }
        printed.flush();
        return 0;
    }

    /** A row per mode and figure, a column per value; "off" is the model's error against the measured. */
    static String table(Sweep sweep, LoadedScenario loaded, CpuPlacement where, Map<String, List<Point>> curves) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "Sweep of %s over scenario %s (%s), placement"
                + " %s, profile %s%n%n", sweep.factor(), loaded.scenario().name(), loaded.scenario().workload()
                .describe(), where, loaded.profile().name()));
        boolean stream = Figure.of(loaded.scenario().workload()) == Figure.THROUGHPUT;
        t.append(String.format(Locale.ROOT, "%-34s", (stream ? "Gbit/s" : "µs") + " / " + sweep.factor().unit()));
        sweep.values().forEach(v -> t.append(String.format(Locale.ROOT, " %10s", Sweep.label(v))));
        t.append(System.lineSeparator());
        curves.forEach((mode, points) -> {
            if (stream) {
                boolean measured = points.stream().allMatch(p -> p.measuredThroughput() != null);
                row(t, mode + "  Gbit/s model", points, p -> ReportTable.fmt(p.modelThroughput().gbitPerSecond()));
                if (measured) {
                    row(t, "  Gbit/s measured", points, p -> ReportTable.fmt(p.measuredThroughput().gbitPerSecond()));
                    row(t, "  Gbit/s model off by", points, p -> off(p.modelThroughput().gbitPerSecond(),
                            p.measuredThroughput().gbitPerSecond()));
                    row(t, "  CPU s per GB measured", points,
                            p -> ReportTable.fmt(p.measuredThroughput().cpuSecondsPerGigabyte()));
                }
                row(t, "  CPU s per GB model", points, p -> ReportTable.fmt(p.modelThroughput().cpuSecondsPerGigabyte()));
                return;
            }
            boolean measured = points.stream().allMatch(p -> p.measured() != null);
            row(t, mode + "  p50 model", points, p -> ReportTable.fmt(p.model().p50()));
            if (measured) {
                row(t, "  p50 measured", points, p -> ReportTable.fmt(p.measured().p50()));
                row(t, "  p50 model off by", points, p -> off(p.model().p50(), p.measured().p50()));
            }
            row(t, "  p90 model", points, p -> ReportTable.fmt(p.model().p90()));
            if (measured) {
                row(t, "  p90 measured", points, p -> ReportTable.fmt(p.measured().p90()));
                row(t, "  p90 model off by", points, p -> off(p.model().p90(), p.measured().p90()));
            }
            // Whether the load saturates the machine: the rate against the CPUs it keeps busy (of the machine's).
            row(t, "  requests/s model", points, p -> ReportTable.fmt(p.modelThroughput().requestsPerSecond()));
            if (measured) {
                row(t, "  requests/s measured", points, p -> ReportTable.fmt(p.measuredThroughput().requestsPerSecond()));
                row(t, "  CPUs busy measured", points, p -> ReportTable.fmt(p.measuredThroughput().cpusBusy()));
                row(t, "  the driver's CPU per request, µs", points, p -> ReportTable.fmt(p.driverCpuUs()));
            }
            row(t, "  CPUs busy model", points, p -> ReportTable.fmt(p.modelThroughput().cpusBusy()));
        });
        return t.toString();
    }

    private static void row(StringBuilder t, String label, List<Point> points,
                            java.util.function.Function<Point, String> cell) {
        t.append(String.format(Locale.ROOT, "%-34s", label));
        points.forEach(p -> t.append(String.format(Locale.ROOT, " %10s", cell.apply(p))));
        t.append(System.lineSeparator());
    }

    private static String off(double model, double measured) {
        return String.format(Locale.ROOT, "%+.0f %%", 100 * (model / measured - 1));
    }
}
