package org.stacklab.sim.scale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.scenario.YamlFiles;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.ProxyPlacement;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.topology.Topology;

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
     * @param placement   where its proxies run
     * @param proxies     how many proxies run, or 0 for shared ones (as many as their traffic needs)
     * @param memoryGb    their memory, GB (1,000 MB)
     * @param vcpu        their CPU, vCPUs
     * @param addedP90Ms  the latency the set's benchmark reported at p90, or 0
     */
    public record Line(String assumptions, ProxyPlacement placement, long proxies, double memoryGb, double vcpu,
                       double addedP90Ms) {
    }

    /**
     * A mode's bill: a line for each of its proxies that a published set prices, and the proxies no set does.
     *
     * @param lines    the priced proxies, as their placement counts them
     * @param unpriced the names of proxies no published set prices
     */
    public record ModeBill(String mode, List<Line> lines, List<String> unpriced) {

        /** The proxies counted, shared ones aside. */
        public long proxies() {
            return lines.stream().mapToLong(Line::proxies).sum();
        }

        public boolean hasShared() {
            return lines.stream().anyMatch(l -> l.placement() == ProxyPlacement.SHARED);
        }

        public double memoryGb() {
            return Math.round(lines.stream().mapToDouble(Line::memoryGb).sum() * 1000) / 1000.0;
        }

        public double vcpu() {
            return Math.round(lines.stream().mapToDouble(Line::vcpu).sum() * 10) / 10.0;
        }
    }

    private ClusterBill() {
    }

    public static Assumptions published() throws ScenarioException {
        return YamlFiles.readResource("/org/stacklab/sim/scale/assumptions.yaml", "scale assumptions", Assumptions.class);
    }

    /**
     * The bill of a cluster under one set of assumptions, the proxies placed as it measured them.
     */
    public static Line bill(String name, ProxyCosts costs, long nodes, long podsPerNode, double rpsPerPod) {
        return bill(name, costs, costs.placement(), 1, nodes, podsPerNode, rpsPerPod);
    }

    /**
     * The bill of {@code each} proxies per pod or per node (or shared ones) priced by a set. Each pod's
     * traffic passes its sidecar once (per pod), its node's proxy (per node), or one of the shared
     * proxies (every request of the cluster, whose baseline memory is then left out: their count is
     * what the traffic needs, which no figure here gives).
     */
    static Line bill(String name, ProxyCosts costs, ProxyPlacement placement, double each, long nodes, long podsPerNode,
                     double rpsPerPod) {
        if (nodes < 1 || podsPerNode < 1 || rpsPerPod < 0) {
            throw new IllegalArgumentException("nodes and pods per node must be at least 1, and the rate not negative");
        }
        long proxies = switch (placement) {
            case PER_POD -> Math.round(each * nodes * podsPerNode);
            case PER_NODE -> Math.round(each * nodes);
            case SHARED -> 0;
        };
        double memoryMb;
        double vcpu;
        if (placement == ProxyPlacement.SHARED) {
            double clusterRps = rpsPerPod * nodes * podsPerNode;
            memoryMb = costs.mbPer1000Rps() * clusterRps / 1000;
            vcpu = costs.vcpuPer1000Rps() * clusterRps / 1000;
        } else {
            double rpsPerProxy = placement == ProxyPlacement.PER_NODE ? rpsPerPod * podsPerNode / each : rpsPerPod / each;
            memoryMb = proxies * (costs.baseMb() + costs.mbPer1000Rps() * rpsPerProxy / 1000);
            vcpu = proxies * costs.vcpuPer1000Rps() * rpsPerProxy / 1000;
        }
        return new Line(name, placement, proxies, Math.round(memoryMb) / 1000.0, Math.round(vcpu * 10) / 10.0,
                costs.addedP90Ms());
    }

    /**
     * What a mode's proxies cost a cluster: each proxy of its topology placed where the topology puts it
     * ({@link Topology#placementOf}), priced by the published set it names. A mode's topology has two
     * pods, the client's and the server's, on one node or two: its per-pod proxies are counted per pod as
     * half their number, its per-node proxies per node as their number over its nodes'.
     *
     * @throws IllegalArgumentException if a proxy names a set that is not published
     */
    public static ModeBill bill(Mode mode, Assumptions assumptions, long nodes, long podsPerNode, double rpsPerPod) {
        Topology topology = mode.topology();
        Map<String, Map<ProxyPlacement, Double>> byCosts = new TreeMap<>();
        List<String> unpriced = new ArrayList<>();
        double perNode = 1.0 / Math.max(1, topology.nodes().size());
        for (ProcessSpec p : topology.processes()) {
            if (p.role() != Role.PROXY) {
                continue;
            }
            if (p.costs() == null) {
                unpriced.add(p.name());
                continue;
            }
            if (!assumptions.sets().containsKey(p.costs())) {
                throw new IllegalArgumentException("mode '" + mode.name() + "': proxy '" + p.name() + "' is priced by '"
                        + p.costs() + "', which is not a published set (" + String.join(", ", assumptions.sets().keySet())
                        + ")");
            }
            ProxyPlacement placement = topology.placementOf(p);
            byCosts.computeIfAbsent(p.costs(), k -> new java.util.EnumMap<>(ProxyPlacement.class))
                    .merge(placement, placement == ProxyPlacement.PER_POD ? 0.5 : placement == ProxyPlacement.PER_NODE ? perNode : 1.0,
                            Double::sum);
        }
        List<Line> lines = new ArrayList<>();
        byCosts.forEach((name, counts) -> counts.forEach((placement, each) -> lines.add(
                bill(name, assumptions.sets().get(name), placement, each, nodes, podsPerNode, rpsPerPod))));
        return new ModeBill(mode.name(), lines, unpriced);
    }

    /** The bill under every published set. */
    public static List<Line> bills(Assumptions assumptions, long nodes, long podsPerNode, double rpsPerPod) {
        List<Line> lines = new ArrayList<>();
        assumptions.sets().forEach((name, costs) -> lines.add(bill(name, costs, nodes, podsPerNode, rpsPerPod)));
        return lines;
    }
}
