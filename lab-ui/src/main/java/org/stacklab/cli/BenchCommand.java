package org.stacklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stacklab.cli.BenchResult.Rates;
import org.stacklab.probe.run.MachineCpu;
import org.stacklab.sim.engine.RingShape;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.io.Json;
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

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also save the results as JSON (" + BenchResult.SCHEMA + "): every run's rate, the machine,"
                    + " the time and the host's steal.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0)) {
            throw new UserError("--seconds must be > 0, not " + seconds);
        }
        for (Path file : new Path[] {jfr, out}) {
            if (file != null) {
                AtomicFiles.checkWritable(file);
            }
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
        BenchResult result = BenchResult.now("scenario " + loaded.scenario().name() + ", mode " + chosen.name(),
                runs.elapsedNs / 1e9, Rates.of(runs.eventRates), Rates.of(runs.requestRates), stealPercent(before, after));
        spec.commandLine().getOut().printf(Locale.ROOT,
                "bench: %s, %d runs of %,d requests in %.1f s on one thread%n"
                        + "  events/s   %s%n  requests/s %s%n  heap after GC: %.1f MiB before, %.1f MiB after%n",
                result.subject(), runs.eventRates.size(), loaded.scenario().workload().requests(), result.seconds(),
                result.eventsPerSecond().text(), result.requestsPerSecond().text(), heapBefore / 1048576.0,
                heapAfter / 1048576.0);
        return finish(result, recording);
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
        long start = System.nanoTime();
        do {
            long runStart = System.nanoTime();
            checksum += RingShape.STANDARD.run(RingShape.STANDARD_EVENTS, rates.size() + 1);
            rates.add(RingShape.STANDARD_EVENTS / ((System.nanoTime() - runStart) / 1e9));
        } while (System.nanoTime() < end);
        double elapsedS = (System.nanoTime() - start) / 1e9;
        stopRecording(recording);
        MachineCpu after = MachineCpu.sinceBoot();
        progress.done();
        BenchResult result = BenchResult.now(String.format(Locale.ROOT,
                "ring shape (%,d in flight, %d stages, exponential mean %,.0f ns)", RingShape.STANDARD.tokens(),
                RingShape.STANDARD.stages(), RingShape.STANDARD.meanNs()), elapsedS, Rates.of(rates), null,
                stealPercent(before, after));
        spec.commandLine().getOut().printf(Locale.ROOT,
                "bench: %s, %d runs of %,d events on one thread%n  events/s   %s%n  checksum   %d%n", result.subject(),
                rates.size(), RingShape.STANDARD_EVENTS, result.eventsPerSecond().text(), checksum);
        return finish(result, recording);
    }

    /** Prints the host's steal, saves the results (--out) and the recording (--jfr). */
    private int finish(BenchResult result, JfrRecording recording) throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (result.hostStealPercent() != null) {
            stdout.printf(Locale.ROOT, "  host steal %.1f %% of the CPUs' time while measuring%n",
                    result.hostStealPercent());
        }
        saveRecording(recording);
        if (out != null) {
            AtomicFiles.write(out, stream -> Json.write(result, stream));
            stdout.println("saved " + out);
        }
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
     * What the VM's host took of the CPUs while it measured (steal), in percent, or null where /proc/stat is not
     * read: on a busy host a run's events/s fall with it, and figures from two sessions compare only beside it.
     */
    private static Double stealPercent(MachineCpu before, MachineCpu after) {
        return before == null || after == null ? null : 100 * after.since(before).stolenShare();
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
