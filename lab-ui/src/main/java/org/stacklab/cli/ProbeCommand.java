package org.stacklab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.StatUtils;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.doctor.Check;
import org.stacklab.probe.doctor.Doctor;
import org.stacklab.probe.lab.LabCleanup;
import org.stacklab.probe.lab.LabException;
import org.stacklab.probe.run.IdleWakeMeasurement;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.ProbeOptions;
import org.stacklab.probe.run.ProbeRun;
import org.stacklab.probe.run.Recording;
import org.stacklab.probe.run.TimerMeasurement;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.Crossings;
import org.stacklab.sim.report.Throughput;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.trace.PerfettoExport;
import org.stacklab.sim.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stacklab probe}: measure the modes for real on this machine, and clean up after a crash. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Measure the modes for real with eBPF on this Linux lab VM (as root).",
        subcommands = {ProbeCommand.Run.class, ProbeCommand.Show.class, ProbeCommand.Bench.class,
                ProbeIdleWakeCommand.class, ProbeCommand.Cleanup.class})
final class ProbeCommand {

    /** Whether the doctor lets the probe measure these modes; if not, its checks go to standard error. */
    static boolean liveModeCanRun(CommandSpec spec, List<Mode> modes) {
        List<Check> checks = Doctor.run(modes);
        if (Doctor.liveModeCanRun(checks)) {
            return true;
        }
        spec.commandLine().getErr().print("stacklab: the live probe cannot run here:" + System.lineSeparator()
                + Doctor.format(checks));
        spec.commandLine().getErr().flush();
        return false;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Build each mode's topology for real, measure it, and print it beside the simulator.")
    static final class Run implements Callable<Integer> {

        @Mixin
        ScenarioOptions scenario;

        @Mixin
        HostStealOption hostSteal;

        @Option(names = "--mode", paramLabel = "M",
                description = "direct, sidecar, sockmap, sidecar+sockmap, several joined by commas, or all (every"
                        + " built-in mode). Default: the scenario's modes.")
        String mode;

        @Option(names = "--out", paramLabel = "FILE", description = "Save the recording as JSON (stacklab.recording/2).")
        Path out;

        @Option(names = "--json", description = "Print the recording as JSON instead of a table.")
        boolean json;

        @Option(names = "--no-sockperf", description = "Skip the sockperf yardstick.")
        boolean noSockperf;

        @Option(names = "--placement", paramLabel = "P",
                description = "Where the lab's processes run: spread (process i of the mode on CPU i mod n: the client"
                        + " and the server apart), same-cpu (all on the first CPU) or scheduler (the scheduler's own"
                        + " choices, which on a VM move a ping-pong's p50 by 2-3 times between runs). Default: the"
                        + " scenario's placement, else spread.")
        CpuPlacement placement;

        @Option(names = "--pin-cpus", description = "The same as --placement spread.")
        boolean pinCpus;

        /** The placement to measure under: --placement, --pin-cpus, the scenario's, else spread. */
        private CpuPlacement placement(LoadedScenario loaded) {
            if (placement != null && pinCpus && placement != CpuPlacement.SPREAD) {
                throw new UserError("--pin-cpus is --placement spread, not " + placement);
            }
            if (placement != null) {
                return placement;
            }
            if (pinCpus) {
                return CpuPlacement.SPREAD;
            }
            return loaded.scenario().placement() == null ? CpuPlacement.SPREAD : loaded.scenario().placement();
        }

        @Option(names = "--sizes", paramLabel = "B[,B…]", split = ",",
                description = "Message sizes in bytes, measured in the same lab: the scenario's workload with each"
                        + " size as its request and its response (default: the scenario's own sizes).")
        List<Integer> sizes;

        @Option(names = "--turns", paramLabel = "N", defaultValue = "20",
                description = "With several sizes, the turns they take: each size's round trips are measured in N"
                        + " runs, alternating with the other sizes, so that the machine's drift during the"
                        + " measurement falls on every size alike. Default: ${DEFAULT-VALUE}.")
        int turns;

        @Option(names = "--mode-turns", paramLabel = "N",
                description = "With several modes, the turns they take: each mode's requests are measured in N parts,"
                        + " each in its lab built anew, the modes alternating part by part, so that a drift or a stall"
                        + " of the machine falls on every mode alike. Default: " + MODE_TURNS + " with several modes"
                        + " and one size (at most one a request), else 1.")
        Integer modeTurns;

        /** Parts a mode's requests are measured in when modes take turns by default. */
        static final int MODE_TURNS = 4;

        @Spec
        CommandSpec spec;

        /** The workloads to measure: the scenario's, at each of --sizes if given. */
        private List<Workload> workloads(LoadedScenario loaded) {
            Workload w = loaded.scenario().workload();
            if (sizes == null || sizes.isEmpty()) {
                return List.of(w);
            }
            List<Workload> bySize = new ArrayList<>();
            for (int size : sizes) {
                if (size < 1 || size > 65536) {
                    throw new UserError("--sizes takes message sizes from 1 to 65536 bytes, not " + size);
                }
                bySize.add(w.withMessages(size, size));
            }
            return bySize;
        }

        @Override
        public Integer call() throws Exception {
            List<String> names = mode == null ? null
                    : mode.equals("all") ? Catalog.BUILT_IN_MODES : List.of(mode.split(","));
            LoadedScenario loaded = scenario.load(names);
            long roundTrips = loaded.scenario().workload().requests();
            List<Workload> workloads = workloads(loaded);
            int turnsTaken = workloads.size() > 1 ? turns : 1;
            if (turns < 1 || turnsTaken > roundTrips) {
                throw new UserError("--turns takes from 1 to " + roundTrips + " (the round trips), not " + turns);
            }
            int parts = modeTurns != null ? modeTurns
                    : loaded.modes().size() > 1 && workloads.size() == 1 ? (int) Math.min(MODE_TURNS, roundTrips) : 1;
            if (parts < 1 || (long) parts * turnsTaken > roundTrips) {
                throw new UserError("--mode-turns takes from 1 to " + roundTrips / turnsTaken + " (the round trips"
                        + (turnsTaken > 1 ? " over the sizes' turns" : "") + "), not " + parts);
            }
            CpuPlacement where = placement(loaded);
            String cannot = ProbeRun.whyNot(loaded.scenario().workload());
            if (cannot != null) {
                throw new UserError("scenario " + loaded.scenario().name() + ": " + cannot);
            }
            if (out != null) {
                AtomicFiles.checkWritable(out); // before the measurement, not after it
            }
            for (Mode m : loaded.modes()) {
                if (!org.stacklab.sim.scenario.Catalog.isBuiltInMode(m.name())) {
                    // A recording names its modes, and a replay finds them by name: a file's mode would be lost.
                    throw new UserError("--mode: the live probe measures and records the built-in modes ("
                            + org.stacklab.sim.scenario.Catalog.builtInModes() + "); '" + m.name()
                            + "' is a mode file's, which 'stacklab compare' simulates");
                }
            }
            if (!liveModeCanRun(spec, loaded.modes())) {
                return 1;
            }
            long allTrips = roundTrips * workloads.size();
            Progress progress = new Progress(spec.commandLine().getErr());
            Map<Mode, ProbeRun.InParts> inParts = new LinkedHashMap<>();
            try {
                for (Mode m : loaded.modes()) {
                    inParts.put(m, new ProbeRun.InParts(m, hostSteal.applyTo(ProbeOptions.full()
                            .withSockperf(!noSockperf).withPlacement(where).withTurns(turnsTaken)), workloads, parts));
                }
            } catch (LabException | BpfException e) { // before anything is built: a workload or a native part
                throw new UserError(e.getMessage());
            }
            // First: their second or two failing would otherwise lose every mode's measurements.
            TimerMeasurement timers;
            IdleWakeMeasurement idleWake = null;
            try {
                progress.say("timing the machine's timers");
                timers = TimerMeasurement.measure(where, loaded.modes().get(0));
                if (Runtime.getRuntime().availableProcessors() > 1) {
                    progress.say("timing the machine's idle CPUs' wake-ups");
                    idleWake = IdleWakeMeasurement.measure();
                }
            } catch (LabException e) {
                throw new UserError(e.getMessage());
            }
            if (parts > 1) {
                spec.commandLine().getErr().printf(Locale.ROOT, "The %d modes take turns: %d parts of %,d"
                        + " requests each, each part in its lab built anew (--mode-turns).%n", loaded.modes().size(), parts,
                        roundTrips / parts);
            }
            Map<String, String> skipped = new LinkedHashMap<>();
            for (int part = 0; part < parts; part++) {
                int modesDone = 0;
                for (Map.Entry<Mode, ProbeRun.InParts> entry : inParts.entrySet()) {
                    Mode m = entry.getKey();
                    String label = m.name() + " (" + ++modesDone + "/" + loaded.modes().size() + ")"
                            + (parts > 1 ? ", part " + (part + 1) + "/" + parts : "");
                    if (skipped.containsKey(m.name())) {
                        continue;
                    }
                    progress.bar(label, entry.getValue().roundTripsDone(), allTrips); // on from its last part
                    try {
                        entry.getValue().measureNext(done -> progress.bar(label, done, allTrips));
                    } catch (LabException | BpfException e) {
                        // BpfException: this kernel refuses a program of the mode's data path (libbpf says why)
                        if (loaded.modes().size() == 1) {
                            throw new UserError(e.getMessage());
                        }
                        skipped.put(m.name(), e.getMessage());
                    }
                }
            }
            List<LiveMeasurement> measurements = new ArrayList<>();
            for (Map.Entry<Mode, ProbeRun.InParts> entry : inParts.entrySet()) {
                if (!skipped.containsKey(entry.getKey().name())) {
                    measurements.addAll(LiveMeasurement.beside(entry.getValue().measurements(), loaded, entry.getKey()));
                }
            }
            progress.done();
            Recording recording = Recording.of(loaded.scenario().name(), measurements, skipped, timers, idleWake);
            // Printed first: a recording that cannot be saved is still seen.
            spec.commandLine().getOut().print(json ? Json.write(recording) : LiveTable.render(recording));
            if (!json) {
                hostSteal.describe().ifPresent(spec.commandLine().getOut()::println);
            }
            spec.commandLine().getOut().flush();
            if (out != null) {
                AtomicFiles.write(out, stream -> Json.write(recording, stream));
                if (!json) {
                    spec.commandLine().getOut().println("Recording written to " + out);
                }
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a saved recording (made on any lab VM) and export a mode's measured path trace.")
    static final class Show implements Callable<Integer> {

        @picocli.CommandLine.Parameters(paramLabel = "RECORDING", description = "A recording saved by probe run --out.")
        Path recording;

        @Option(names = "--json", description = "Print the recording as JSON.")
        boolean json;

        @Option(names = "--trace-out", paramLabel = "FILE",
                description = "Write the measured path trace of --mode as Chrome trace-event JSON (Perfetto).")
        Path traceOut;

        @Option(names = "--mode", paramLabel = "M", description = "The mode whose trace --trace-out writes.")
        String mode;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Recording r = Recording.read(recording);
            LiveMeasurement traced = null;
            if (traceOut != null) {
                traced = r.measurements().stream().filter(x -> x.mode().equals(mode)).findFirst()
                        .orElseThrow(() -> new UserError("--trace-out needs --mode, one of: "
                                + r.measurements().stream().map(LiveMeasurement::mode).distinct().toList()));
                AtomicFiles.checkWritable(traceOut);
            }
            spec.commandLine().getOut().print(json ? Json.write(r) : LiveTable.render(r));
            spec.commandLine().getOut().flush();
            if (traced != null) {
                LiveMeasurement m = traced;
                AtomicFiles.write(traceOut, stream -> PerfettoExport.write("Stack Lab, measured: " + m.mode()
                        + " on " + r.host(), m.trace(), stream));
            }
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "The path probe's overhead: round-trip p50 with the probe attached ÷ without, runs alternating.")
    static final class Bench implements Callable<Integer> {

        @Mixin
        ScenarioOptions scenario;

        @Option(names = "--mode", paramLabel = "M", defaultValue = "direct", description = "Default: ${DEFAULT-VALUE}.")
        String mode;

        @Option(names = "--repeats", paramLabel = "K", defaultValue = "5",
                description = "Pairs of runs (without, with), alternating. Default: ${DEFAULT-VALUE}.")
        int repeats;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (repeats < 1) {
                throw new UserError("--repeats must be at least 1, not " + repeats);
            }
            LoadedScenario loaded = scenario.load(List.of(mode));
            if (!liveModeCanRun(spec, loaded.modes())) {
                return 1;
            }
            Mode m = loaded.modes().get(0);
            long roundTrips = loaded.scenario().workload().requests();
            Progress progress = new Progress(spec.commandLine().getErr());
            double[] without = new double[repeats];
            double[] with = new double[repeats];
            var out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "probe bench: mode %s, %d round trips per run, %d pairs%n", m.name(), roundTrips, repeats);
            for (int k = 0; k < repeats; k++) {
                progress.say("pair " + (k + 1) + "/" + repeats);
                Workload workload = loaded.scenario().workload();
                without[k] = ProbeRun.measure(m, ProbeOptions.latencyOnly(), workload).latencyUs().p50();
                with[k] = ProbeRun.measure(m, ProbeOptions.full().withSockperf(false), workload)
                        .latencyUs().p50();
                out.printf(Locale.ROOT, "  p50 without %8.2f µs   with %8.2f µs%n", without[k], with[k]);
            }
            progress.done();
            out.printf(Locale.ROOT, "overhead (median with ÷ median without): %.3f%n", StatUtils.percentile(with, 50)
                    / StatUtils.percentile(without, 50));
            out.flush();
            return 0;
        }

    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = "Remove every namespace, cgroup, process and temporary folder a crashed probe left behind;"
                    + " the labs of probe runs that still run are left alone.")
    static final class Cleanup implements Callable<Integer> {

        @Option(names = "--force", description = "Also remove the labs of probe runs that are still running: those"
                + " runs then fail.")
        boolean force;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!Doctor.isRoot()) {
                err.println("stacklab: probe cleanup needs root: it removes network namespaces, cgroups and the"
                        + " processes in them (sudo ./stacklab probe cleanup)");
                return 1;
            }
            List<String> live = LabCleanup.liveLabs();
            if (force && !live.isEmpty()) {
                err.println("stacklab: --force: removing " + live.size() + " namespaces of probe runs that are still"
                        + " running; those runs will fail");
            }
            List<String> removed = LabCleanup.removeLeftovers(force);
            PrintWriter out = spec.commandLine().getOut();
            String nl = System.lineSeparator();
            out.println(removed.isEmpty() ? "Nothing to clean up." : "Removed:" + nl + "  " + String.join(nl + "  ", removed));
            if (!force && !live.isEmpty()) {
                out.println("Left alone, as their probe runs are still running: " + String.join(", ", live)
                        + nl + "(probe cleanup --force removes them too, and those runs fail.)");
            }
            return 0;
        }
    }

    /** Aligned table of a recording: measured, yardstick and simulated, mode by mode. */
    static final class LiveTable {
        private LiveTable() {
        }

        static String render(Recording r) {
            StringBuilder out = new StringBuilder();
            List<LiveMeasurement> ms = r.measurements();
            out.append(String.format(Locale.ROOT, "Measured on %s (%s), %d requests per mode: %s%n", r.host(),
                    r.kernel(), ms.isEmpty() ? 0 : ms.get(0).roundTrips(),
                    ms.isEmpty() ? "-" : ms.get(0).workload(Workload.pingPong(1, 64)).describe()));
            ms.stream().map(LiveMeasurement::placement).filter(java.util.Objects::nonNull).distinct()
                    .forEach(p -> out.append("CPU placement: ").append(p).append(switch (p) {
                        case SPREAD -> " (process i of a mode on CPU i mod n: the client and the server apart)";
                        case SAME_CPU -> " (every process on the first CPU)";
                        case SCHEDULER -> " (the scheduler's own choices: on a VM, a lottery from run to run)";
                    }).append(System.lineSeparator()));
            if (r.proxies() != null) {
                out.append("Proxies: ").append(r.proxies()).append(System.lineSeparator());
            }
            out.append(System.lineSeparator());
            List<String[]> rows = new ArrayList<>();
            boolean sized = ms.stream().map(LiveMeasurement::messageBytes).distinct().count() > 1;
            rows.add(row("", ms, m -> sized ? m.mode() + " " + m.messageBytes() + " B" : m.mode()));
            rows.add(row("round trip p50 (µs), measured", ms, m -> timed(m, m.latencyUs().p50())));
            rows.add(row("  p90", ms, m -> timed(m, m.latencyUs().p90())));
            rows.add(row("  p99", ms, m -> timed(m, m.latencyUs().p99())));
            rows.add(row("  sockperf p50", ms, m -> m.sockperfP50Us() == 0 ? "-" : ReportTable.fmt(m.sockperfP50Us())));
            rows.add(row("  simulated p50", ms, m -> ReportTable.fmt(m.simulatedLatencyUs().p50())));
            rows.add(row("ratio to direct p50, measured", ms, m -> ratio(r, m, false)));
            rows.add(row("  sockperf", ms, m -> sockperfRatio(r, m)));
            rows.add(row("  simulated", ms, m -> ratio(r, m, true)));
            rows.add(row("per round trip, measured / simulated", ms, m -> ""));
            for (Crossings.Kind kind : Crossings.Kind.values()) {
                rows.add(row("  " + kind.label(), ms,
                        m -> pair(m.measured() == null ? -1 : m.measured().of(kind), m.predicted().of(kind))));
            }
            rows.add(row("  agree", ms, m -> m.measured() == null ? "-"
                    : Boolean.FALSE.equals(m.messagesCrossWhole()) ? "n/a" : m.countsAgree() ? "yes" : "NO"));
            rows.add(row("µs per round trip, measured / simulated", ms, m -> ""));
            for (Segment segment : Segment.values()) {
                rows.add(row("  " + segment.label(), ms, m -> pair(m.measuredSegmentsUs() == null ? -1
                        : m.measuredSegmentsUs().us(segment), m.simulatedSegmentsUs().us(segment))));
            }
            rows.add(row("  round trips timed", ms, m -> ReportTable.fmt(m.timedRoundTrips())));
            rows.add(row("  wake-ups on the waker's CPU", ms, m -> m.wakeupsOnWakersCpu() == null ? "-"
                    : String.format(Locale.ROOT, "%.0f %%", 100 * m.wakeupsOnWakersCpu())));
            rows.add(row("  wake-ups onto an idle CPU", ms, m -> m.wakeupsOntoIdleCpus() == null ? "-"
                    : String.format(Locale.ROOT, "%.0f %%", 100 * m.wakeupsOntoIdleCpus())));
            rows.add(row("throughput, measured / simulated", ms, m -> ""));
            rows.add(row("  requests/s", ms, m -> throughputPair(m, Throughput::requestsPerSecond)));
            rows.add(row("  Gbit/s of the apps' bytes", ms, m -> throughputPair(m, Throughput::gbitPerSecond)));
            rows.add(row("  CPU s per GB (the machine's)", ms,
                    m -> throughputPair(m, Throughput::cpuSecondsPerGigabyte)));
            rows.add(row("the driver's own CPU per request (µs)", ms,
                    m -> m.driverCpuUs() == null ? "-" : ReportTable.fmt(m.driverCpuUs())));
            rows.add(row("CPU time the host took (steal)", ms, m -> m.hostStolenShare() == null ? "-"
                    : String.format(Locale.ROOT, "%.1f %%", 100 * m.hostStolenShare())));
            if (ms.stream().anyMatch(m -> m.lateWritesUs() != null)) {
                // Latency counts from each request's intended time: this much of it is the driver's own timers.
                rows.add(row("the driver's writes late, p50 / p90 (µs)", ms, m -> m.lateWritesUs() == null ? "-"
                        : ReportTable.fmt(m.lateWritesUs().p50()) + " / " + ReportTable.fmt(m.lateWritesUs().p90())));
            }
            boolean lostEvents = ms.stream().anyMatch(m -> m.droppedEvents() > 0);
            if (lostEvents) {
                rows.add(row("  path-probe events lost", ms, m -> ReportTable.fmt(m.droppedEvents())));
            }
            int[] widths = new int[rows.get(0).length];
            for (String[] cells : rows) {
                for (int i = 0; i < cells.length; i++) {
                    widths[i] = Math.max(widths[i], cells[i].length());
                }
            }
            for (String[] cells : rows) {
                StringBuilder line = new StringBuilder(String.format("%-" + widths[0] + "s", cells[0]));
                for (int i = 1; i < cells.length; i++) {
                    line.append("  ").append(String.format("%" + Math.max(8, widths[i]) + "s", cells[i]));
                }
                out.append(line.toString().stripTrailing()).append(System.lineSeparator());
            }
            if (ms.stream().anyMatch(LiveMeasurement::hostTookMuch)) {
                String stolen = ms.stream().filter(LiveMeasurement::hostTookMuch).map(LiveMeasurement::mode)
                        .distinct().collect(Collectors.joining(", "));
                out.append(String.format(Locale.ROOT, "The host took more than %.0f %% of the CPUs' time (steal) while"
                        + " %s ran: a vCPU with work waited for its physical CPU, which no model of this machine"
                        + " predicts; measure again when the host is quieter (--max-steal PCT measures such turns"
                        + " again).", 100 * LiveMeasurement.MUCH_STOLEN, stolen)).append(System.lineSeparator());
            }
            if (lostEvents) {
                out.append("The path probe lost events (its ring buffer was full, the machine too busy to read it):"
                        + " the crossings and segments of those modes are incomplete; the round-trip times are not.")
                        .append(System.lineSeparator());
            }
            if (ms.stream().anyMatch(m -> Boolean.FALSE.equals(m.messagesCrossWhole()))) {
                out.append("n/a: under this load a proxy forwards what it has read (and TCP cuts a stream into segments"
                        + " of its own), so messages reach the next hop split or merged, and the kernel's counts are not"
                        + " the model's, which moves each message whole." + System.lineSeparator());
            }
            if (ms.stream().anyMatch(m -> m.measuredSegmentsUs() == null && m.measured() != null)) {
                out.append("Segments are timed with one message in flight (one connection, closed loop); with more,"
                        + " the probe cannot tell whose trip an event is, and counts crossings only."
                        + System.lineSeparator());
            }
            if (r.timers() != null) {
                TimerMeasurement t = r.timers();
                out.append(String.format(Locale.ROOT, "The machine's timers, no network (%d threads, %,.0f wake-ups/s, %s):"
                        + " late %.1f µs at p50, %.1f at p90, %.1f at p99, %.1f µs of CPU each; an open loop's writes"
                        + " wait on them.%n", t.threads(), t.ratePerSecond(), t.placement(), t.cost().latenessUs(0.5),
                        t.cost().latenessUs(0.9), t.cost().latenessUs(0.99), t.cost().cpuNs() / 1e3));
            }
            if (r.idleWake() != null) {
                out.append(r.idleWake().summary()).append(" A wake-up onto a CPU idle past the host's polling is slow,"
                        + " and leaves the other idle long in turn.").append(System.lineSeparator());
            }
            r.skipped().forEach((mode, why) -> out.append("Skipped ").append(mode).append(": ").append(why)
                    .append(System.lineSeparator()));
            return out.toString();
        }

        private static String[] row(String label, List<LiveMeasurement> ms,
                                    java.util.function.Function<LiveMeasurement, String> cell) {
            String[] cells = new String[ms.size() + 1];
            cells[0] = label;
            for (int i = 0; i < ms.size(); i++) {
                cells[i + 1] = cell.apply(ms.get(i));
            }
            return cells;
        }

        /** A latency the driver timed: a stream's messages are not timed one by one. */
        private static String timed(LiveMeasurement m, double us) {
            return m.workload(Workload.pingPong(1, 64)).pattern() == Workload.Pattern.STREAM ? "-"
                    : ReportTable.fmt(us);
        }

        private static String throughputPair(LiveMeasurement m, java.util.function.ToDoubleFunction<Throughput> f) {
            return m.throughput() == null ? "-" : pair(f.applyAsDouble(m.throughput()),
                    f.applyAsDouble(m.simulatedThroughput()));
        }

        /** A side not known (no path probe, or a recording without that segment) is -1, shown as "-". */
        private static String pair(double measured, double predicted) {
            return known(measured) + " / " + known(predicted);
        }

        private static String known(double value) {
            return value < 0 ? "-" : ReportTable.fmt(value);
        }

        private static String sockperfRatio(Recording r, LiveMeasurement m) {
            return r.measurements().stream().filter(d -> d.mode().equals("direct") && d.sockperfP50Us() > 0
                            && d.messageBytes() == m.messageBytes())
                    .findFirst().filter(d -> m.sockperfP50Us() > 0)
                    .map(d -> String.format(Locale.ROOT, "%.2f×", m.sockperfP50Us() / d.sockperfP50Us())).orElse("-");
        }

        private static String ratio(Recording r, LiveMeasurement m, boolean simulated) {
            if (!simulated && timed(m, 0).equals("-")) {
                return "-";
            }
            return r.measurements().stream()
                    .filter(d -> d.mode().equals("direct") && d.messageBytes() == m.messageBytes()).findFirst()
                    .map(d -> String.format(Locale.ROOT, "%.2f×", simulated
                            ? m.simulatedLatencyUs().p50() / d.simulatedLatencyUs().p50()
                            : m.latencyUs().p50() / d.latencyUs().p50()))
                    .orElse("-");
        }
    }
}
