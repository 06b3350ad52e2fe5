package org.stacklab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stacklab.probe.lab.LabException;
import org.stacklab.probe.run.IdleWakeMeasurement;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stacklab probe idle-wake}: how a CPU's idle time sets its wake-up on this machine, the mechanism behind a
 * VM's slow wake-ups and the model's {@link org.stacklab.sim.cost.HaltPolling}. Needs no root and no lab.
 */
@Command(name = "idle-wake", mixinStandardHelpOptions = true,
        description = "Measure how long a CPU's idle time makes its wake-up: a ping-pong between CPU 0 and CPU 1"
                + " whose server works a set time before each answer (no root, no network).")
final class ProbeIdleWakeCommand implements Callable<Integer> {

    static final String SCHEMA = "stacklab.idle-wake/1";

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1000",
            description = "Round trips at each idle time. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--out", paramLabel = "FILE.json",
            description = "Save the measurement (stacklab.idle-wake/1): per idle time its summary and every round trip.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rounds < 10 || rounds > 1_000_000) {
            throw new UserError("--rounds takes from 10 to 1,000,000, not " + rounds);
        }
        if (Runtime.getRuntime().availableProcessors() < 2) {
            throw new UserError("idle-wake needs two CPUs, one for each end; this machine has one");
        }
        if (out != null) {
            AtomicFiles.checkWritable(out); // before the measurement, not after it
        }
        Progress progress = new Progress(spec.commandLine().getErr());
        progress.say("idle-wake: " + rounds + " round trips at each of " + IdleWakeMeasurement.IDLE_US.size()
                + " idle times");
        IdleWakeMeasurement measured;
        try {
            measured = IdleWakeMeasurement.measure(rounds, 0, 1);
        } catch (LabException | IllegalStateException e) { // the driver failed, or this build has none
            throw new UserError(e.getMessage());
        }
        progress.done();
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "A ping-pong between CPU 0 (client) and CPU 1 (server), %d round trips at each idle"
                + " time: the client's CPU sits idle while the server works, then both wake in turn.%n", rounds);
        console.printf(Locale.ROOT, "%-16s %12s %12s %10s%n", "idle (µs)", "extra p50", "extra p90", "slow");
        for (long ns : measured.extraNs().keySet()) {
            console.printf(Locale.ROOT, "%-16d %12.1f %12.1f %9.0f %%%n", ns / 1000, measured.extraUs(ns, 50),
                    measured.extraUs(ns, 90), 100 * measured.slowShare(ns));
        }
        console.printf(Locale.ROOT, "%-16s %12.1f%n", "both CPUs busy", measured.busyUs(50));
        long window = measured.windowEndNs();
        console.println("extra: the round trip beyond the server's work (both wake-ups and the pipes); slow: more than "
                + (int) IdleWakeMeasurement.SLOW_TIMES + " times the shortest idle time's median.");
        console.printf(Locale.ROOT, "both CPUs busy: a spinner of the lowest priority on each, which every wake-up"
                + " preempts; %.2f times the round trip just idle, what a wake-up crossing onto a busy CPU costs"
                + " beside an idle one's (the model's crossBusyFactor).%n", measured.crossBusyFactor());
        console.println(window < 0 ? "Idle time made no round trip slower here: no polling window to see."
                : String.format(Locale.ROOT, "Slow round trips reach halfway from the shortest idle's share to the"
                        + " longest's at %d µs of idle: a halted CPU is woken at once before that, and late after"
                        + " (on a VM, the host's halt polling ends).", window / 1000));
        console.flush();
        if (out != null) {
            AtomicFiles.write(out, stream -> Json.write(document(measured), stream));
            console.println("Measurement written to " + out);
            console.flush();
        }
        return 0;
    }

    private Map<String, Object> document(IdleWakeMeasurement measured) {
        List<Map<String, Object>> idleTimes = new ArrayList<>();
        for (long ns : measured.extraNs().keySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("idleUs", ns / 1000);
            row.put("extraP50Us", measured.extraUs(ns, 50));
            row.put("extraP90Us", measured.extraUs(ns, 90));
            row.put("slowShare", measured.slowShare(ns));
            row.put("extraNs", measured.extraNs().get(ns));
            idleTimes.add(row);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schema", SCHEMA);
        document.put("recordedAt", Instant.now().toString());
        document.put("roundTripsEach", rounds);
        document.put("slowPast", IdleWakeMeasurement.SLOW_TIMES + " times the shortest idle time's p50");
        long window = measured.windowEndNs();
        document.put("windowEndUs", window < 0 ? null : window / 1000);
        document.put("idleTimes", idleTimes);
        document.put("bothBusy", Map.of("extraP50Us", measured.busyUs(50), "crossBusyFactor", measured.crossBusyFactor(),
                "extraNs", measured.busyExtraNs()));
        return document;
    }
}
