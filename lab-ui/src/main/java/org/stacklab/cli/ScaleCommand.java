package org.stacklab.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.Comparison;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.scale.ClusterBill;
import org.stacklab.sim.scale.GrowthPlot;
import org.stacklab.sim.scale.ProxyCosts;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.topology.ProxyPlacement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stacklab scale}: what the proxies of a whole cluster cost, and how it grows with the cluster. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "The mesh's bill at cluster scale: proxies, memory, CPU and added latency, under each set of"
                + " published figures, beside the simulator's latency for each mode.")
final class ScaleCommand implements Callable<Integer> {

    /** The largest cluster the bill is made for: well beyond any one Kubernetes cluster's supported size. */
    static final long MAX_NODES = 1_000_000;
    static final long MAX_PODS_PER_NODE = 10_000;
    static final double MAX_RPS_PER_POD = 10_000_000;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "500", description = "Default: ${DEFAULT-VALUE}.")
    long nodes;

    @Option(names = "--pods-per-node", paramLabel = "P", defaultValue = "30", description = "Default: ${DEFAULT-VALUE}.")
    long podsPerNode;

    @Option(names = "--rps-per-pod", paramLabel = "R", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    double rpsPerPod;

    @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "lab-vm",
            description = "The cost profile of the simulator's added latency: lab-vm, bare-metal, or one"
                    + " `stacklab calibrate` wrote. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "Also draw how the memory grows with the cluster, one line per published set, as an SVG picture.")
    Path plot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || nodes > MAX_NODES || podsPerNode < 1 || podsPerNode > MAX_PODS_PER_NODE) {
            throw new UserError("--nodes takes 1 to " + MAX_NODES + " and --pods-per-node 1 to " + MAX_PODS_PER_NODE
                    + ", not " + nodes + " and " + podsPerNode);
        }
        if (!(rpsPerPod >= 0 && rpsPerPod <= MAX_RPS_PER_POD)) {
            throw new UserError("--rps-per-pod takes a number from 0 to " + (long) MAX_RPS_PER_POD + ", not " + rpsPerPod);
        }
        if (plot != null) {
            AtomicFiles.checkWritable(plot);
        }
        ClusterBill.Assumptions assumptions = ClusterBill.published();
        Map<String, ProxyCosts> sets = assumptions.sets();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Cluster: %,d nodes x %,d pods = %,d pods, %,.0f requests/s each (%,.0f requests/s in all)%n%n",
                nodes, podsPerNode, nodes * podsPerNode, rpsPerPod, nodes * podsPerNode * rpsPerPod);
        out.printf(Locale.ROOT, "%-20s %10s %12s %10s %14s%n", "published figures", "proxies", "memory GB", "vCPU",
                "added p90 ms");
        for (ClusterBill.Line line : ClusterBill.bills(assumptions, nodes, podsPerNode, rpsPerPod)) {
            out.printf(Locale.ROOT, "%-20s %10s %,12.1f %,10.1f %14s%n", line.assumptions(),
                    line.placement() == ProxyPlacement.SHARED ? "shared" : String.format(Locale.ROOT, "%,d", line.proxies()),
                    line.memoryGb(), line.vcpu(), line.addedP90Ms() == 0 ? "-" : ReportTable.fmt(line.addedP90Ms()));
        }
        out.println("(Per-1,000-requests/s figures were measured at about 1,000 requests/s per proxy; other rates are"
                + " scaled linearly, which ignores a proxy's idle memory.)");
        out.println();
        out.println("Sources:");
        sets.forEach((name, costs) -> out.println("  " + name + ": " + costs.source()));

        out.printf(Locale.ROOT, "%nHow the proxies' memory grows with the cluster (GB, %d pods per node, %.0f requests/s each)%n",
                podsPerNode, rpsPerPod);
        out.printf(Locale.ROOT, "%-8s", "nodes");
        sets.keySet().forEach(name -> out.printf(Locale.ROOT, " %20s", name));
        out.println();
        long[] growthNodes = GrowthPlot.defaultNodes();
        double largest = ClusterBill.bills(assumptions, growthNodes[growthNodes.length - 1],
                podsPerNode, rpsPerPod).stream().mapToDouble(ClusterBill.Line::memoryGb).max().orElse(1);
        for (long n : growthNodes) {
            List<ClusterBill.Line> lines = ClusterBill.bills(assumptions, n, podsPerNode, rpsPerPod);
            out.printf(Locale.ROOT, "%-8d", n);
            lines.forEach(l -> out.printf(Locale.ROOT, " %20s", ReportTable.fmt(l.memoryGb())));
            double top = lines.stream().mapToDouble(ClusterBill.Line::memoryGb).max().orElse(0);
            out.println("  " + "#".repeat((int) Math.round(40 * top / Math.max(largest, 1e-9))));
        }


        LoadedScenario loaded = LoadedScenario.resolve(Catalog.scenario(Catalog.DEFAULT_SCENARIO)
                .withProfile(Reference.of(profile)), Catalog.DEFAULT_SCENARIO);
        Comparison comparison = Comparison.simulate(loaded);
        RunReport direct = comparison.runs().stream().filter(r -> r.mode().equals(Comparison.BASELINE)).findFirst()
                .orElseThrow();
        out.printf(Locale.ROOT, "%nEach mode's proxies in this cluster, priced by the published set each names, and the"
                + " latency they add per request (the simulator, %s profile, default scenario):%n",
                loaded.profile().name());
        out.printf(Locale.ROOT, "%-18s %14s %10s %8s %13s %13s  %s%n", "mode", "proxies", "memory GB", "vCPU",
                "added p50 µs", "added p90 µs", "priced by");
        for (RunReport r : comparison.runs()) {
            Mode mode = loaded.modes().stream().filter(m -> m.name().equals(r.mode())).findFirst().orElseThrow();
            ClusterBill.ModeBill bill;
            try {
                bill = ClusterBill.bill(mode, assumptions, nodes, podsPerNode, rpsPerPod);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            String proxies = String.format(Locale.ROOT, "%,d", bill.proxies()) + (bill.hasShared() ? " + shared" : "");
            List<String> pricedBy = new ArrayList<>(bill.lines().stream().map(ClusterBill.Line::assumptions).toList());
            bill.unpriced().forEach(proxy -> pricedBy.add(proxy + ": no published figure"));
            out.printf(Locale.ROOT, "%-18s %14s %10s %8s %13s %13s  %s%n", r.mode(), proxies,
                    ReportTable.fmt(bill.memoryGb()), ReportTable.fmt(bill.vcpu()),
                    ReportTable.fmt(r.latencyUs().p50() - direct.latencyUs().p50()),
                    ReportTable.fmt(r.latencyUs().p90() - direct.latencyUs().p90()),
                    pricedBy.isEmpty() ? "-" : String.join(", ", pricedBy));
        }
        out.printf(Locale.ROOT, "(A mode's proxies are counted where its topology puts them: beside each pod, one per node,"
                + " or shared by a namespace's services, whose cost follows the cluster's requests.)%n");
        out.flush();
        if (plot != null) {
            String picture = GrowthPlot.svg(assumptions, growthNodes, podsPerNode, rpsPerPod);
            AtomicFiles.write(plot, stream -> stream.write(picture.getBytes(StandardCharsets.UTF_8)));
            out.println("Plot written to " + plot);
            out.flush();
        }
        return 0;
    }
}
