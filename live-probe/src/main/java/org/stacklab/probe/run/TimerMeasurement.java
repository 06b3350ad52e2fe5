package org.stacklab.probe.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.lab.LabException;
import org.stacklab.sim.cost.CostDistribution;
import org.stacklab.sim.cost.TimerCost;
import org.stacklab.sim.engine.CpuCores;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.topology.Topology;

/**
 * What this machine's timers cost a sleeping thread: the open loop's timers alone, with no network
 * ({@code workload-driver timers}), under a placement. An open loop's latency counts from each request's
 * intended time, and on a VM a thread sleeping on a halted vCPU wakes tens of microseconds late, sometimes
 * milliseconds — the host's doing, which no ping-pong shows (its vCPUs hardly halt) — and each wake-up takes
 * CPU a ping-pong's wake-up does not (the timer's interrupt and re-arming: exits). Calibration puts the cost
 * into the profile ({@code timers}); the model's open loop pays it.
 *
 * @param placement     where the driver's threads ran: on the client's CPU where the placement keeps it on one
 * @param threads       threads sleeping at once, as many as the open loop's connections
 * @param ratePerSecond the wake-ups' rate, all threads together (Poisson arrivals)
 * @param cost          how late they woke (ns, {@value #QUANTILES} quantiles) and the driver's CPU per wake-up
 *                      (its own, as the kernel accounts it: the machine's, from {@code /proc/stat}, also held the
 *                      work a lab left behind as it was torn down)
 */
public record TimerMeasurement(CpuPlacement placement, int threads, double ratePerSecond, TimerCost cost) {

    /** As many threads as the open loops {@code validate} predicts have connections. */
    private static final int THREADS = 16;
    /** A rate the open loops measured on the lab VM span (5,000 to 100,000 a second). */
    private static final double RATE_PER_SECOND = 20_000;
    /** A second of wake-ups. */
    private static final int WAKES = 20_000;
    private static final int QUANTILES = 101;

    @JsonCreator
    public TimerMeasurement(@JsonProperty(value = "placement", required = true) CpuPlacement placement,
                            @JsonProperty(value = "threads", required = true) int threads,
                            @JsonProperty(value = "ratePerSecond", required = true) double ratePerSecond,
                            @JsonProperty(value = "cost", required = true) TimerCost cost) {
        InvalidValue.require(threads >= 1, "threads", "must be at least 1, not " + threads);
        InvalidValue.require(ratePerSecond > 0, "ratePerSecond", "must be > 0, not " + ratePerSecond);
        this.placement = placement;
        this.threads = threads;
        this.ratePerSecond = ratePerSecond;
        this.cost = cost;
    }

    /** Measures it under a placement, on the CPU it keeps the mode's client on (if any). */
    public static TimerMeasurement measure(CpuPlacement placement, Mode mode) throws LabException {
        Topology topology = mode.topology();
        return measure(placement, topology.processes().indexOf(topology.processWithRole(Role.CLIENT)));
    }

    /**
     * Measures it under a placement: {@link #WAKES} wake-ups of {@link #THREADS} threads at
     * {@link #RATE_PER_SECOND}, on the CPU the placement keeps task {@code clientTask} on, if any.
     */
    private static TimerMeasurement measure(CpuPlacement placement, int clientTask) throws LabException {
        List<String> command = new ArrayList<>();
        int cpu = placement.coreOf(clientTask, Runtime.getRuntime().availableProcessors());
        if (cpu != CpuCores.NONE) {
            command.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        command.addAll(List.of(NativeFiles.get().file(NativeFiles.WORKLOAD_DRIVER).toString(), "timers",
                Integer.toString(WAKES), Integer.toString(THREADS), Double.toString(RATE_PER_SECOND), "1"));
        double[] lateNs = new double[WAKES];
        int[] wakes = {0};
        long[] cpuNs = {-1};
        boolean ended = DriverOutput.read("timers", command, line -> {
            if (line.matches("cpu \\d+ \\d+")) {
                String[] words = line.split(" ");
                cpuNs[0] = Long.parseLong(words[1]) + Long.parseLong(words[2]);
            } else if (line.matches("\\d+") && wakes[0] < WAKES) {
                // A stall of a second would be no timer's lateness but a stopped VM: kept within a distribution's bounds.
                lateNs[wakes[0]++] = Math.min(Long.parseLong(line), CostDistribution.MAX_NS / 2);
            } else {
                throw new LabException("the workload driver's timers failed: " + line);
            }
        });
        if (!ended || wakes[0] != WAKES || cpuNs[0] < 0) {
            throw new LabException("the workload driver's timers stopped after " + wakes[0] + " of " + WAKES
                    + " wake-ups");
        }
        return new TimerMeasurement(placement, THREADS, RATE_PER_SECOND,
                new TimerCost(CostDistribution.empirical(lateNs, QUANTILES), Math.round(cpuNs[0] / (double) WAKES)));
    }
}
