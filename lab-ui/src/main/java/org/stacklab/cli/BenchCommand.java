package org.stacklab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stacklab.probe.run.MachineCpu;
import org.stacklab.sim.engine.RingShape;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stacklab bench}: how fast the engine runs a scenario on one thread, in events and
 * requests per second, and whether memory stays flat without traces.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the simulator's speed (events/s, requests/s) on one core; no traces kept.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--mode", paramLabel = "M", defaultValue = "sidecar",
            description = "The mode to run. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "How long to measure, after a warm-up of a third as long. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--shape", paramLabel = "ring",
            description = "Instead of a scenario, the engine alone on a shape other engines can run too: ring = 1,000"
                    + " requests in flight, each walking a ring of 40 stages, service times exponential with mean"
                    + " 2,000 ns, 20 M events a run.")
    String shape;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "Also record the measurement with the JDK's Flight Recorder into FILE, and print the methods"
                    + " the measuring thread was found in most (the figures then include the recorder's own cost).")
    Path jfr;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0)) {
            throw new UserError("--seconds must be > 0, not " + seconds);
        }
        if (jfr != null) {
            AtomicFiles.checkWritable(jfr);
        }
        if (shape != null) {
            if (!shape.equals("ring")) {
                throw new UserError("--shape takes ring, not " + shape);
            }
            return ring();
        }
        LoadedScenario loaded = scenario.load(List.of(mode));
        Mode chosen = loaded.modes().get(0);
        Progress progress = new Progress(spec.commandLine().getErr());
        progress.say("warming up");
        measure(loaded, chosen, seconds / 3);
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        progress.say("measuring for " + seconds + " s");
        MachineCpu before = MachineCpu.sinceBoot();
        JfrRecording recording = startRecording();
        Runs runs = measure(loaded, chosen, seconds);
        stopRecording(recording);
        MachineCpu after = MachineCpu.sinceBoot();
        System.gc();
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        progress.done();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "bench: scenario %s, mode %s, %d runs of %,d requests in %.1f s on one thread%n"
                        + "  events/s   %s%n  requests/s %s%n  heap after GC: %.1f MiB before, %.1f MiB after%n",
                loaded.scenario().name(), chosen.name(), runs.eventRates.size(), loaded.scenario().workload().requests(),
                runs.elapsedNs / 1e9, medianAndRange(runs.eventRates), medianAndRange(runs.requestRates),
                heapBefore / 1048576.0, heapAfter / 1048576.0);
        printHostSteal(before, after);
        saveRecording(recording);
        return 0;
    }

    /** The ring shape, run after run for a while after a warm-up; prints events/s, each run's and the median. */
    private int ring() throws IOException {
        Progress progress = new Progress(spec.commandLine().getErr());
        progress.say("warming up");
        long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        while (System.nanoTime() < warmEnd) {
            RingShape.STANDARD.run(RingShape.STANDARD_EVENTS / 10, 1);
        }
        progress.say("measuring for " + seconds + " s");
        List<Double> rates = new ArrayList<>();
        MachineCpu before = MachineCpu.sinceBoot();
        JfrRecording recording = startRecording();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long checksum = 0;
        do {
            long start = System.nanoTime();
            checksum += RingShape.STANDARD.run(RingShape.STANDARD_EVENTS, rates.size() + 1);
            rates.add(RingShape.STANDARD_EVENTS / ((System.nanoTime() - start) / 1e9));
        } while (System.nanoTime() < end);
        stopRecording(recording);
        MachineCpu after = MachineCpu.sinceBoot();
        progress.done();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "bench: ring shape (%,d in flight, %d stages, exponential mean %.0f ns), %d runs of %,d events on one"
                        + " thread%n  events/s   %s%n  checksum   %d%n",
                RingShape.STANDARD.tokens(), RingShape.STANDARD.stages(), RingShape.STANDARD.meanNs(), rates.size(),
                RingShape.STANDARD_EVENTS, medianAndRange(rates), checksum);
        printHostSteal(before, after);
        saveRecording(recording);
        return 0;
    }

    /** With {@code --jfr}, a recording of what follows; else null. */
    private JfrRecording startRecording() {
        return jfr == null ? null : JfrRecording.start(jfr);
    }

    private static void stopRecording(JfrRecording recording) {
        if (recording != null) {
            recording.stop();
        }
    }

    private void saveRecording(JfrRecording recording) throws IOException {
        if (recording != null) {
            try (recording) {
                recording.saveAndSummarize(spec.commandLine().getOut());
            }
        }
    }

    /**
     * What the VM's host took of the CPUs while it measured (steal): on a busy host a run's events/s fall with it,
     * and figures from two sessions compare only beside it.
     */
    private void printHostSteal(MachineCpu before, MachineCpu after) {
        if (before != null && after != null) {
            spec.commandLine().getOut().printf(Locale.ROOT, "  host steal %.1f %% of the CPUs' time while measuring%n",
                    100 * after.since(before).stolenShare());
        }
    }

    /**
     * Runs' rates as a median and the range around it: on this kind of VM one run to the next can differ by a
     * quarter, so a single figure says less than its spread.
     */
    private static String medianAndRange(List<Double> rates) {
        List<Double> sorted = rates.stream().sorted().toList();
        return String.format(Locale.ROOT, "%,.0f (median; %,.0f to %,.0f)", sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** Each run's events and requests per second, and the time all of them took. */
    private record Runs(List<Double> eventRates, List<Double> requestRates, long elapsedNs) {
    }

    /** Runs the scenario again and again for a while (at least once). */
    private static Runs measure(LoadedScenario loaded, Mode mode, double seconds) {
        List<Double> eventRates = new ArrayList<>();
        List<Double> requestRates = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now = start;
        while (now < end) {
            ModeRun run = ModeRun.simulate(loaded.scenarioWithSeed(eventRates.size() + 1), mode, 0);
            long runStart = now;
            now = System.nanoTime();
            double runS = (now - runStart) / 1e9;
            eventRates.add(run.report().events() / runS);
            requestRates.add(run.report().requests() / runS);
        }
        return new Runs(eventRates, requestRates, now - start);
    }
}
