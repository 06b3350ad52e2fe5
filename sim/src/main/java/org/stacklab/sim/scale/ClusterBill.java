package org.stacklab.sim.scale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.scenario.YamlFiles;

/**
 * The proxies' bill for a whole cluster: how many proxies, their memory and CPU, under each set
 * of published assumptions ({@code scale/assumptions.yaml}).
 */
public final class ClusterBill {

    /** The published sets, by name. */
    public record Assumptions(Map<String, ProxyCosts> sets) {
        @JsonCreator
        public Assumptions(@JsonProperty(value = "sets", required = true) Map<String, ProxyCosts> sets) {
            this.sets = new TreeMap<>(sets);
        }
    }

    /**
     * One line of the bill.
     *
     * @param assumptions the set's name
     * @param proxies     how many proxies run
     * @param memoryGb    their memory, GB (1,000 MB)
     * @param vcpu        their CPU, vCPUs
     * @param addedP90Ms  the latency the set's benchmark reported at p90, or 0
     */
    public record Line(String assumptions, long proxies, double memoryGb, double vcpu, double addedP90Ms) {
    }

    private ClusterBill() {
    }

    public static Assumptions published() throws ScenarioException {
        return YamlFiles.readResource("/org/stacklab/sim/scale/assumptions.yaml", "scale assumptions", Assumptions.class);
    }

    /**
     * The bill of a cluster under one set of assumptions. Each pod's traffic passes its sidecar
     * once (per-pod), or its node's proxy (per-node).
     */
    public static Line bill(String name, ProxyCosts costs, long nodes, long podsPerNode, double rpsPerPod) {
        if (nodes < 1 || podsPerNode < 1 || rpsPerPod < 0) {
            throw new IllegalArgumentException("nodes and pods per node must be at least 1, and the rate not negative");
        }
        long proxies = costs.perNode() ? nodes : nodes * podsPerNode;
        double rpsPerProxy = costs.perNode() ? rpsPerPod * podsPerNode : rpsPerPod;
        double memoryMb = proxies * (costs.baseMb() + costs.mbPer1000Rps() * rpsPerProxy / 1000);
        double vcpu = proxies * costs.vcpuPer1000Rps() * rpsPerProxy / 1000;
        return new Line(name, proxies, Math.round(memoryMb) / 1000.0, Math.round(vcpu * 10) / 10.0, costs.addedP90Ms());
    }

    /** The bill under every published set. */
    public static List<Line> bills(Assumptions assumptions, long nodes, long podsPerNode, double rpsPerPod) {
        List<Line> lines = new ArrayList<>();
        assumptions.sets().forEach((name, costs) -> lines.add(bill(name, costs, nodes, podsPerNode, rpsPerPod)));
        return lines;
    }
}
