package org.stacklab.sim.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.stacklab.sim.io.InvalidValue;

/**
 * What a timer costs the thread it wakes, as an open loop's threads sleep to their requests' intended times:
 * how late it wakes a thread on an idle CPU (on a VM a halted vCPU, which the host runs again late), and the
 * CPU each wake-up takes (the interrupt, re-arming the timer, the syscall's return: on a VM, exits).
 * Measured apart from the network ({@code workload-driver timers}).
 *
 * @param lateness how late, in ns (empirical: its quantiles)
 * @param cpuNs    the CPU a wake-up takes, ns
 */
public record TimerCost(CostDistribution lateness, double cpuNs) {

    @JsonCreator
    public TimerCost(@JsonProperty(value = "lateness", required = true) CostDistribution lateness,
                     @JsonProperty(value = "cpuNs", required = true) double cpuNs) {
        InvalidValue.require(CostDistribution.EMPIRICAL.equals(lateness.family()), "lateness",
                "must be an empirical distribution (its quantilesNs), not " + lateness.family());
        InvalidValue.require(cpuNs >= 0 && cpuNs <= CostDistribution.MAX_NS, "cpuNs",
                "must be from 0 to " + (long) CostDistribution.MAX_NS + ", not " + cpuNs);
        this.lateness = lateness;
        this.cpuNs = cpuNs;
    }

    /** Several measurements as one: their lateness quantiles weighing alike, the median of their CPU. */
    public static TimerCost pooled(List<TimerCost> costs) {
        if (costs.size() == 1) {
            return costs.get(0);
        }
        double[] points = costs.stream().flatMap(c -> c.lateness().quantilesNs().stream())
                .mapToDouble(Double::doubleValue).toArray();
        double[] cpu = costs.stream().mapToDouble(TimerCost::cpuNs).sorted().toArray();
        double median = cpu.length % 2 == 1 ? cpu[cpu.length / 2] : (cpu[cpu.length / 2 - 1] + cpu[cpu.length / 2]) / 2;
        return new TimerCost(CostDistribution.empirical(points, costs.get(0).lateness().quantilesNs().size()), median);
    }

    /** The lateness at a quantile (0 to 1), in µs. */
    public double latenessUs(double q) {
        List<Double> points = lateness.quantilesNs();
        return points.get((int) Math.round(q * (points.size() - 1))) / 1e3;
    }
}
