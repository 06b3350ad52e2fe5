package org.stacklab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stacklab.probe.lab.LabException;
import org.stacklab.probe.run.IdleWakeMeasurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stacklab probe idle-wake}: how a CPU's idle time sets its wake-up on this machine, the mechanism behind a
 * VM's slow wake-ups and the model's {@link org.stacklab.sim.cost.HaltPolling}. Needs no root and no lab.
 */
@Command(name = "idle-wake", mixinStandardHelpOptions = true,
        description = "Measure how long a CPU's idle time makes its wake-up: a ping-pong between CPU 0 and CPU 1"
                + " whose server works a set time before each answer (no root, no network).")
final class ProbeIdleWakeCommand implements Callable<Integer> {

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1000",
            description = "Round trips at each idle time. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (rounds < 10 || rounds > 1_000_000) {
            throw new UserError("--rounds takes from 10 to 1,000,000, not " + rounds);
        }
        if (Runtime.getRuntime().availableProcessors() < 2) {
            throw new UserError("idle-wake needs two CPUs, one for each end; this machine has one");
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
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "A ping-pong between CPU 0 (client) and CPU 1 (server), %d round trips at each idle"
                + " time: the client's CPU sits idle while the server works, then both wake in turn.%n", rounds);
        out.printf(Locale.ROOT, "%-16s %12s %12s %10s%n", "idle (µs)", "extra p50", "extra p90", "slow");
        for (long ns : measured.idle().keySet()) {
            out.printf(Locale.ROOT, "%-16d %12.1f %12.1f %9.0f %%%n", ns / 1000, measured.extraUs(ns, 50),
                    measured.extraUs(ns, 90), 100 * measured.slowShare(ns));
        }
        long window = measured.windowEndNs();
        out.println("extra: the round trip beyond the server's work (both wake-ups and the pipes); slow: more than "
                + (int) IdleWakeMeasurement.SLOW_TIMES + " times the shortest idle time's median.");
        out.println(window < 0 ? "Idle time made no round trip slower here: no polling window to see."
                : String.format(Locale.ROOT, "Slow round trips reach halfway from the shortest idle's share to the"
                        + " longest's at %d µs of idle: a halted CPU is woken at once before that, and late after"
                        + " (on a VM, the host's halt polling ends).", window / 1000));
        out.flush();
        return 0;
    }
}
