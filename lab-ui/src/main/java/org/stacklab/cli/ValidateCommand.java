package org.stacklab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.lab.LabException;
import org.stacklab.probe.run.IdleWakeMeasurement;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.ProbeOptions;
import org.stacklab.probe.run.ProbeRun;
import org.stacklab.probe.run.Recording;
import org.stacklab.probe.run.TimerMeasurement;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stacklab validate}: calibrate once on single-connection ping-pong (64 B under every placement, and
 * 16 KiB apart for what a byte costs), then predict workloads the
 * calibration never saw and measure them: p50 and p90 at 4 and 16 connections and in an open loop at
 * 50 % and 80 % of the measured capacity, and a stream's throughput at three message sizes, under each
 * placement; each prediction beside its measurement, with its error and its bound.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "As root: calibrate on ping-pong, then predict and measure 4 and 16 connections, open loop at"
                + " 50 %% and 80 %% of capacity and streams at three sizes, per mode and placement; the errors as a"
                + " table, an SVG and JSON.")
final class ValidateCommand implements Callable<Integer> {

    private static final int CONNECTIONS_FEW = 4;
    private static final int CONNECTIONS_MANY = 16;
    private static final double[] LOADS = {0.5, 0.8};
    /**
     * An open loop runs at least this long: its percentiles are those of a queue, which one stall of the host fills
     * (5,000 requests at 100,000 a second took 50 ms, and the same figure's rounds lay up to 400 % apart).
     */
    private static final double OPEN_LOOP_SECONDS = 1;
    /** A stream moves this much at each size (within 2,000 and 200,000 messages): long enough to be steady. */
    private static final long STREAM_BYTES = 64L << 20;

    @Option(names = "--modes", paramLabel = "M[,M…]", split = ",", defaultValue = "direct,sidecar,sockmap",
            description = "Modes to validate. Default: ${DEFAULT-VALUE}.")
    List<String> modes;

    @Option(names = "--placements", paramLabel = "P[,P…]", split = ",", defaultValue = "spread,scheduler",
            description = "Placements to predict under (the calibration's ping-pongs run under all three)."
                    + " Default: ${DEFAULT-VALUE}.")
    List<CpuPlacement> placements;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "5000",
            description = "Requests of each ping-pong, connection count and open loop (an open loop at least a"
                    + " second's arrivals). Default: ${DEFAULT-VALUE}.")
    long requests;

    @Option(names = "--sizes", paramLabel = "B[,B…]", split = ",", defaultValue = "1024,16384,131072",
            description = "The streams' message sizes, bytes. Default: ${DEFAULT-VALUE}.")
    List<Integer> sizes;

    /** The kinds of workload predicted. */
    enum Kind {
        CONNECTIONS, OPEN_LOOP, STREAM;

        static Kind parse(String text) {
            return org.stacklab.sim.io.EnumNames.parse(Kind.class, text, "kind");
        }

        @Override
        public String toString() {
            return org.stacklab.sim.io.EnumNames.of(this);
        }
    }

    @Option(names = "--kinds", paramLabel = "K[,K…]", split = ",", defaultValue = "connections,open-loop,stream",
            converter = KindConverter.class,
            description = "What to predict: connections (4 and 16), open-loop (50 %% and 80 %% of capacity), stream"
                    + " (the sizes). Default: ${DEFAULT-VALUE}.")
    List<Kind> kinds;

    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String text) {
            try {
                return Kind.parse(text);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("connections, open-loop or stream, not " + text);
            }
        }
    }

    @Mixin
    HostStealOption hostSteal;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "1",
            description = "Calibrate and measure N times; each figure is the median of the rounds. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--plot", paramLabel = "FILE.svg", description = "Draw each prediction's error against its bound.")
    Path plot;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Save the checks (stacklab.validation/1).")
    Path out;

    @Option(names = "--profile-out", paramLabel = "PROFILE.yaml",
            description = "Save the profile calibrated on the ping-pongs (to predict more with --profile).")
    Path profileOut;

    @Option(names = "--save-measurements", paramLabel = "FILE.json",
            description = "Save what was measured, every round of it, to predict it again later: --from FILE.")
    Path saveMeasurements;

    @Option(names = "--from", paramLabel = "FILE.json",
            description = "Predict again what --save-measurements saved, with this build: no root, nothing measured;"
                    + " the modes, placements and workloads are the file's.")
    Path from;

    /** What the measurements of a --from file decide, and so what it cannot be given beside it. */
    private static final List<String> MEASURING_OPTIONS = List.of("--modes", "--placements", "--requests", "--sizes",
            "--kinds", "--repeats", "--save-measurements", "--max-steal");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (from != null) {
            for (String option : MEASURING_OPTIONS) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new UserError(option + " does not go with --from: what was measured is the file's");
                }
            }
        }
        if (requests < 100 || requests > 1_000_000) {
            throw new UserError("--requests takes from 100 to 1,000,000, not " + requests);
        }
        if (repeats < 1 || repeats > 25) {
            throw new UserError("--repeats takes from 1 to 25, not " + repeats);
        }
        for (int size : sizes) {
            if (size < 1 || size > 1 << 20) {
                throw new UserError("--sizes takes bytes from 1 to 1,048,576, not " + size);
            }
        }
        for (Path file : new Path[] {plot, out, profileOut, saveMeasurements}) {
            if (file != null) {
                AtomicFiles.checkWritable(file);
            }
        }
        ValidationMeasurements measured = from != null ? ValidationMeasurements.read(from) : null;
        LoadedScenario loaded = LoadedScenario.resolve(Catalog.scenario(Catalog.DEFAULT_SCENARIO)
                .withModes(ScenarioOptions.references(measured != null ? measured.modes() : modes)),
                Catalog.DEFAULT_SCENARIO);
        if (measured == null) {
            if (!ProbeCommand.liveModeCanRun(spec, loaded.modes())) {
                return 1;
            }
            Progress progress = new Progress(spec.commandLine().getErr());
            List<ValidationMeasurements.Round> rounds = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                rounds.add(measureRound(progress, loaded, repeats == 1 ? "" : "round " + (r + 1) + ", "));
            }
            progress.done();
            measured = new ValidationMeasurements(ValidationMeasurements.SCHEMA, Instant.now().toString(), modes,
                    requests, rounds);
            if (saveMeasurements != null) {
                ValidationMeasurements saved = measured;
                AtomicFiles.write(saveMeasurements, stream -> Json.write(saved, stream));
            }
        }
        List<List<Validation.Check>> rounds = new ArrayList<>();
        CostProfile calibrated = null;
        Progress predicting = new Progress(spec.commandLine().getErr());
        for (ValidationMeasurements.Round round : measured.rounds()) {
            predicting.bar("calibrating and predicting the rounds", rounds.size(), measured.rounds().size());
            calibrated = calibrated(round, loaded);
            rounds.add(predict(round, loaded, calibrated));
        }
        predicting.done();
        if (profileOut != null) { // the last round's
            CostProfile last = calibrated;
            AtomicFiles.write(profileOut, stream -> new ObjectMapper(new YAMLFactory()).writeValue(stream, last));
        }
        int count = rounds.size();
        Validation validation = new Validation(Validation.SCHEMA, "single-connection ping-pong of "
                + String.join(", ", measured.modes()) + ", " + measured.requests() + " requests, under "
                + measured.rounds().get(0).placements() + (count == 1 ? "" : "; medians of " + count
                + " rounds, each calibrated anew") + (from == null ? "" : "; measured " + measured.recordedAt()),
                Validation.medians(rounds));
        var printed = spec.commandLine().getOut();
        printed.print(validation.table());
        measured.hostSteal().ifPresent(printed::println);
        hostSteal.describe().ifPresent(printed::println);
        printed.flush();
        if (plot != null) {
            String picture = ValidationPlot.svg(validation, "calibrated on ping-pong, " + measured.requests()
                    + " requests");
            AtomicFiles.write(plot, stream -> stream.write(picture.getBytes(StandardCharsets.UTF_8)));
            printed.println("Plot written to " + plot);
        }
        if (out != null) {
            AtomicFiles.write(out, stream -> Json.write(validation, stream));
            printed.println("Checks written to " + out);
        }
        if (saveMeasurements != null) {
            printed.println("Measurements written to " + saveMeasurements + " (predict them again: stacklab validate"
                    + " --from " + saveMeasurements + ")");
        }
        printed.flush();
        return 0;
    }

    /**
     * Measures one round: ping-pongs under every placement (each calibrates its part of the mechanism: spread
     * the wake-ups onto idle CPUs, same-cpu a busy CPU's cheaper switch, scheduler the share of wake-ups put
     * beside their waker), then every workload to predict, in a fixed order.
     */
    private ValidationMeasurements.Round measureRound(Progress progress, LoadedScenario loaded, String round)
            throws Exception {
        Workload pingPong = loaded.scenario().workload().withRequests(requests);
        List<Recording> pingPongs = new ArrayList<>();
        for (CpuPlacement where : CpuPlacement.values()) {
            List<LiveMeasurement> ms = new ArrayList<>();
            for (Mode mode : loaded.modes()) {
                // Apart, a second size says what a byte costs (what a stream of large messages depends on).
                List<Workload> sizes = where == CpuPlacement.SPREAD ? List.of(pingPong, pingPong.withMessages(
                        LiveMeasurement.LARGEST_WHOLE_MESSAGE, LiveMeasurement.LARGEST_WHOLE_MESSAGE)) : List.of(pingPong);
                ms.addAll(LiveMeasurement.beside(measure(progress, round + "ping-pong, " + where + ", " + mode.name(),
                        mode, where, sizes), placed(loaded, where), mode));
            }
            // The idle CPUs' wake-ups (and a crossing onto a busy one) are the machine's, whatever the placement: once.
            pingPongs.add(Recording.of("default", ms, Map.of(), timers(progress, round, where, loaded.modes().get(0)),
                    where == CpuPlacement.SPREAD ? idleWake(progress, round) : null));
        }
        List<ValidationMeasurements.Unseen> unseen = new ArrayList<>();
        for (CpuPlacement where : placements) {
            for (Mode mode : loaded.modes()) {
                String label = round + where + ", " + mode.name();
                // Closed loops and streams share one lab; the open loops follow at rates measured in it.
                Map<String, Workload> workloads = new LinkedHashMap<>();
                boolean reported = kinds.contains(Kind.CONNECTIONS);
                if (reported || kinds.contains(Kind.OPEN_LOOP)) {
                    workloads.put(CONNECTIONS_FEW + " connections", pingPong.withConnections(CONNECTIONS_FEW));
                    workloads.put(CONNECTIONS_MANY + " connections", pingPong.withConnections(CONNECTIONS_MANY));
                }
                if (kinds.contains(Kind.STREAM)) {
                    for (int size : sizes) {
                        workloads.put("stream " + bytes(size), pingPong.withMessages(size, size).asStream()
                                .withRequests(Math.max(2000, Math.min(200_000, STREAM_BYTES / size))));
                    }
                }
                List<String> names = new ArrayList<>(workloads.keySet());
                List<LiveMeasurement.Measured> ms = new ArrayList<>(measure(progress, label, mode, where,
                        List.copyOf(workloads.values())));
                if (kinds.contains(Kind.OPEN_LOOP)) {
                    Workload many = pingPong.withConnections(CONNECTIONS_MANY);
                    double capacity = openLoopCapacity(progress, label, mode, where, many,
                            ms.get(names.indexOf(CONNECTIONS_MANY + " connections")).throughput().requestsPerSecond());
                    List<Workload> openLoops = new ArrayList<>();
                    for (double load : LOADS) {
                        openLoops.add(openLoop(many, Math.round(load * capacity)));
                        names.add(String.format(Locale.ROOT, "open loop %.0f %% of capacity", 100 * load));
                    }
                    ms.addAll(measure(progress, label + ", open loop", mode, where, openLoops));
                }
                for (int i = 0; i < ms.size(); i++) {
                    if (reported || !names.get(i).endsWith(" connections")) {
                        unseen.add(new ValidationMeasurements.Unseen(where, names.get(i), ms.get(i)));
                    }
                }
            }
        }
        return new ValidationMeasurements.Round(pingPongs, unseen);
    }

    /** What the machine's timers cost a thread under a placement, on the client's CPU: the open loops' input. */
    private static TimerMeasurement timers(Progress progress, String round, CpuPlacement where, Mode mode) {
        progress.say(round + "timers, " + where);
        try {
            return TimerMeasurement.measure(where, mode);
        } catch (LabException e) {
            throw new UserError(round + "timers, " + where + ": " + e.getMessage());
        }
    }

    /** How the machine's CPUs wake, idle and busy, no network: what a wake-up crossing onto a busy CPU costs. */
    private static IdleWakeMeasurement idleWake(Progress progress, String round) {
        progress.say(round + "idle and busy CPUs' wake-ups");
        try {
            return IdleWakeMeasurement.measure();
        } catch (LabException e) {
            throw new UserError(round + "idle and busy CPUs' wake-ups: " + e.getMessage());
        }
    }

    /** The profile a round's ping-pongs calibrate. */
    private static CostProfile calibrated(ValidationMeasurements.Round round, LoadedScenario loaded) throws Exception {
        List<RecordingFit.Source> pingPongs = new ArrayList<>();
        List<CpuPlacement> placements = round.placements();
        for (int i = 0; i < placements.size(); i++) {
            pingPongs.add(new RecordingFit.Source(round.pingPongs().get(i), Path.of("ping-pong " + placements.get(i))));
        }
        return RecordingFit.of(pingPongs, loaded.profile(), null, "validation").calibrated();
    }

    /** A round's workloads predicted with its calibrated profile: the checks in the round's order. */
    private List<Validation.Check> predict(ValidationMeasurements.Round round, LoadedScenario loaded,
                                           CostProfile calibrated) {
        LoadedScenario predicted = new LoadedScenario(loaded.scenario(), loaded.source(), calibrated, loaded.modes());
        List<Validation.Check> checks = new ArrayList<>();
        for (ValidationMeasurements.Unseen u : round.unseen()) {
            Mode mode = loaded.modes().stream().filter(m -> m.name().equals(u.measured().mode())).findFirst()
                    .orElseThrow(() -> new UserError(from + ": measurements of " + u.measured().mode()
                            + ", which the file's modes do not list"));
            checks.addAll(Validation.checksOf(LiveMeasurement.beside(u.measured(), placed(predicted, u.placement()),
                    mode), u.placement(), u.workload()));
        }
        return checks;
    }

    private static LoadedScenario placed(LoadedScenario scenario, CpuPlacement where) {
        return new LoadedScenario(scenario.scenario().withPlacement(where), scenario.source(), scenario.profile(),
                scenario.modes());
    }

    /**
     * The highest open-loop rate the lab completes as it arrives, measured: an open loop offered the closed
     * loop's rate falls behind (each arrival is a timer's wake-up the closed loop does not pay), and the
     * rate it completes at is offered next, until a run keeps up (within 5 %), at most four runs.
     */
    private double openLoopCapacity(Progress progress, String label, Mode mode, CpuPlacement where,
                                           Workload connections, double closedLoopRate) throws Exception {
        double offered = closedLoopRate;
        for (int run = 0; run < 4; run++) {
            Workload open = openLoop(connections, Math.round(offered));
            double completed = measure(progress, label + ", capacity", mode, where, List.of(open)).get(0)
                    .throughput().requestsPerSecond();
            if (completed >= 0.95 * offered) {
                return offered;
            }
            offered = completed;
        }
        return offered;
    }

    /** An open loop of the connections at a rate, for at least {@link #OPEN_LOOP_SECONDS} of arrivals. */
    private static Workload openLoop(Workload connections, double rate) {
        return connections.atRate(rate).withRequests(Math.max(connections.requests(),
                (long) Math.ceil(rate * OPEN_LOOP_SECONDS)));
    }

    /** One mode's workloads measured in one lab. */
    private List<LiveMeasurement.Measured> measure(Progress progress, String label, Mode mode,
                                                          CpuPlacement where, List<Workload> workloads)
            throws Exception {
        long all = workloads.stream().mapToLong(Workload::requests).sum();
        progress.bar(label, 0, all);
        try {
            return ProbeRun.measure(mode, hostSteal.applyTo(ProbeOptions.full().withSockperf(false).withPlacement(where)
                    .withProgress(done -> progress.bar(label, done, all))), workloads);
        } catch (LabException | BpfException e) { // a kernel that refuses the mode's data-path programs
            throw new UserError(label + ": " + e.getMessage());
        }
    }

    private static String bytes(int size) {
        return size % 1024 == 0 ? size / 1024 + " KiB" : size + " B";
    }
}
