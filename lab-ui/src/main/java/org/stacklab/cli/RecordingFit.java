package org.stacklab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.StatUtils;
import org.stacklab.probe.run.IdleWakeMeasurement;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.Recording;
import org.stacklab.probe.run.TimerMeasurement;
import org.stacklab.sim.calibrate.Calibration;
import org.stacklab.sim.calibrate.DistributionFit;
import org.stacklab.sim.calibrate.HaltPollingFit;
import org.stacklab.sim.calibrate.PerByteFit;
import org.stacklab.sim.calibrate.SpreadFit;
import org.stacklab.sim.calibrate.WakePlacementFit;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.cost.TimerCost;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.report.SegmentTimes;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.scenario.YamlFiles;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.trace.StageVisit;
import org.stacklab.sim.workload.Workload;

/**
 * A cost profile fitted to live recordings, with every fit that made it: the context factors from the
 * probe's segments, how a round trip's wake-ups and work go together, where wake-ups run. What {@code calibrate}
 * writes and {@code validate} predicts with.
 *
 * @param targets each measured mode as its scenario (base profile) and measured round trips, by what it
 *                calibrates: wake-ups onto idle CPUs, on the same CPU, left to the scheduler
 */
record RecordingFit(Calibration calibration, PerByteFit perByte, SpreadFit spread, WakePlacementFit placement,
                    Map<Stage, DistributionFit> shapes, CostProfile calibrated,
                    List<List<SpreadFit.Target>> targets) {

    /** A recording and where it came from (a file, or the measurement that made it), for errors. */
    record Source(Recording recording, Path file) {
    }

    /**
     * Measured visits of these stages set the shape of the stage the model spends that time in
     * (wake-ups are fitted context by context, from every measured one).
     */
    private static final Map<Stage, Stage> SHAPE_FROM = Map.of(Stage.PROXY, Stage.PROXY);

    /**
     * Fits a profile to the recordings' timed measurements: the factors, wake-ups and placement from those of
     * one message size, what a byte costs from ping-pongs of the same mode at several sizes (spread).
     *
     * @param bytes the message size to fit factors from, or null for the smallest recorded
     * @throws UserError if no measurement has the path probe's segments (of that size)
     */
    static RecordingFit of(List<Source> sources, CostProfile base, Integer bytes, String profileName) throws Exception {
        List<Calibration.Observation> observations = new ArrayList<>();
        Map<Stage, List<Double>> samples = new EnumMap<>(Stage.class);
        List<String> names = new ArrayList<>();
        SortedSet<Integer> sizesRecorded = new TreeSet<>();
        List<SpreadFit.Target> ontoIdleCpus = new ArrayList<>();
        List<SpreadFit.Target> sameCpu = new ArrayList<>();
        List<SegmentTimes> sameCpuSegments = new ArrayList<>();
        List<SpreadFit.Target> scheduler = new ArrayList<>();
        List<Double> wakersCpuShares = new ArrayList<>();
        List<PerByteFit.Sized> sized = new ArrayList<>();
        Integer factorBytes = bytes != null ? bytes : sources.stream().flatMap(s -> s.recording().measurements().stream())
                .filter(m -> m.measuredSegmentsUs() != null).map(LiveMeasurement::messageBytes).min(Integer::compare)
                .orElse(null);
        for (Source source : sources) {
            Recording recording = source.recording();
            names.add(source.file().getFileName().toString());
            for (int i = 0; i < recording.measurements().size(); i++) {
                LiveMeasurement m = recording.measurements().get(i);
                if (m.measuredSegmentsUs() == null) {
                    continue;
                }
                sizesRecorded.add(m.messageBytes());
                LoadedScenario loaded = scenarioOf(recording, m, base, source.file(), i);
                if (placedApart(m) && !Boolean.FALSE.equals(m.messagesCrossWhole())) {
                    sized.add(new PerByteFit.Sized(loaded.modes().get(0), m.messageBytes(), m.measuredSegmentsUs(),
                            PerByteFit.Sized.medianWakeupsUs(m.wakeupsNs())));
                }
                if (m.messageBytes() != factorBytes) {
                    continue;
                }
                // The contexts' costs are those of wake-ups onto idle CPUs (spread, or an older recording, which says
                // nothing): a same-CPU recording's wake-ups all run on a busy CPU and fit the busy-CPU factor, and
                // one left to the scheduler, a mix of both, gives the share beside the waker.
                SpreadFit.Target target = new SpreadFit.Target(loaded, m.latencyUs());
                if (m.placement() == CpuPlacement.SAME_CPU) {
                    sameCpu.add(target);
                    sameCpuSegments.add(m.measuredSegmentsUs());
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
                observations.add(new Calibration.Observation(m.mode(), m.measuredSegmentsUs(),
                        Calibration.simulatedContextsUs(loaded, mode), m.latencyUs().mean(),
                        PathProgram.of(mode, loaded.scenario().workload()).wakeupContexts(),
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
            // Named at the first recording's measurements, as any other fault of a recording is.
            throw YamlFiles.faultAt(sources.get(0).file(), "measurements", sizesRecorded.isEmpty() || bytes == null
                    ? "no measurement " + (sources.size() == 1 ? "here" : "in these recordings") + " was timed by the"
                            + " path probe (one message in flight) with the processes apart, so there is nothing to"
                            + " calibrate from; record ping-pongs with probe run --placement spread --out"
                    : "the recordings hold no measurement of " + bytes + " B messages; they hold "
                            + sizesRecorded.stream().map(b -> b + " B").collect(Collectors.joining(", ")));
        }
        Calibration calibration = Calibration.of(observations);
        Map<Stage, DistributionFit> shapes = new EnumMap<>(Stage.class);
        samples.forEach((stage, times) -> {
            if (times.size() >= 10) {
                shapes.put(stage, DistributionFit.of(times.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        });
        CostProfile factored = calibration.apply(base, profileName, String.join(", ", names), shapes);
        PerByteFit perByte = PerByteFit.of(factored, sized);
        CostProfile fitted = withCrossBusyFactor(HaltPollingFit.of(observations.stream()
                .map(Calibration.Observation::wakeupsNs).toList()).applyTo(perByte.applyTo(factored)), sources);
        // Both fits set the profile they are given into the targets' scenarios.
        SpreadFit spread = SpreadFit.of(fitted, ontoIdleCpus);
        CostProfile spreadOut = spread.applyTo(fitted);
        WakePlacementFit placementFit = WakePlacementFit.of(spreadOut, sameCpu, sameCpuSegments, wakersCpuShares);
        return new RecordingFit(calibration, perByte, spread, placementFit, shapes,
                withTimers(placementFit.applyTo(spreadOut), sources), List.of(ontoIdleCpus, sameCpu, scheduler));
    }

    /**
     * The profile with the recordings' timers ({@link TimerCost#pooled}); the profile's own where no recording
     * measured them.
     */
    private static CostProfile withTimers(CostProfile profile, List<Source> sources) {
        List<TimerCost> measured = sources.stream().map(s -> s.recording().timers()).filter(Objects::nonNull)
                .map(TimerMeasurement::cost).toList();
        if (measured.isEmpty()) {
            return profile;
        }
        TimerCost pooled = TimerCost.pooled(measured);
        return profile.withTimers(pooled, String.format(Locale.ROOT, " timers late %.1f µs at p50 and %.1f µs of CPU"
                + " a wake-up (measured apart from the network, %d recording%s)", pooled.latenessUs(0.5),
                pooled.cpuNs() / 1e3, measured.size(), measured.size() == 1 ? "" : "s"));
    }

    /**
     * The profile with what a wake-up crossing onto a busy CPU costs, from the recordings' {@code idleWake} (the median
     * of their factors); the profile's own where none measured it.
     */
    private static CostProfile withCrossBusyFactor(CostProfile profile, List<Source> sources) {
        double[] measured = sources.stream().map(s -> s.recording().idleWake()).filter(Objects::nonNull)
                .map(IdleWakeMeasurement::crossBusyFactor).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray();
        if (measured.length == 0) {
            return profile;
        }
        double factor = Math.round(StatUtils.percentile(measured, 50) * 1000) / 1000.0;
        return profile.withWakePlacement(profile.wakePlacement().withCrossBusyFactor(factor), String.format(Locale.ROOT,
                " a wake-up from another CPU onto a busy one %.3f times one onto an idle CPU (measured apart from the"
                        + " network, %d recording%s);", factor, measured.length, measured.length == 1 ? "" : "s"));
    }

    /** Whether a measurement's wake-ups all woke an idle CPU: spread, or an older recording, which says nothing. */
    private static boolean placedApart(LiveMeasurement m) {
        return m.placement() == null || m.placement() == CpuPlacement.SPREAD;
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
