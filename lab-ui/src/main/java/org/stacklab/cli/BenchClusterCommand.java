package org.stacklab.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.scale.ClusterSimulation;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stacklab bench-cluster}: a whole cluster simulated packet by packet, timed. Prints what the
 * cluster saw (latency, the proxies' CPU) and what the run cost (wall time, heap, events/s).
 */
@Command(name = "bench-cluster", mixinStandardHelpOptions = true,
        description = "Simulate a whole cluster packet by packet (every pod's requests through every stage), on every"
                + " core, and report its latency and proxy CPU with the run's wall time and heap.")
final class BenchClusterCommand implements Callable<Integer> {

    /** The schema of {@code --out}'s JSON. */
    static final String SCHEMA = "stacklab.cluster/1";

    @Option(names = "--mode", paramLabel = "M[,M…]", split = ",", defaultValue = "sidecar",
            description = "Modes to run, one after another, or 'all'. Default: ${DEFAULT-VALUE}.")
    List<String> modes;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "500", description = "Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--pods-per-node", paramLabel = "P", defaultValue = "30",
            description = "An even number: pods pair up as client and server. Default: ${DEFAULT-VALUE}.")
    int podsPerNode;

    @Option(names = "--rps-per-pod", paramLabel = "R", defaultValue = "100",
            description = "Requests each pod handles per second. Default: ${DEFAULT-VALUE}.")
    double rpsPerPod;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "Simulated seconds. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--cpus-per-node", paramLabel = "C", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
    int cpusPerNode;

    @Option(names = "--threads", paramLabel = "T", description = "Threads to spread nodes over (default: every core).")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "lab-vm",
            description = "Cost profile: lab-vm, bare-metal or a .yaml file. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--out", paramLabel = "FILE", description = "Also save the results as JSON (" + SCHEMA + ").")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ClusterSimulation.Shape shape;
        try {
            shape = new ClusterSimulation.Shape(nodes, podsPerNode, rpsPerPod, seconds, cpusPerNode);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new UserError("--threads must be at least 1, not " + threadCount);
        }
        if (out != null) {
            AtomicFiles.checkWritable(out);
        }
        double needed = shape.heapBytesNeeded(threadCount);
        if (needed > Runtime.getRuntime().maxMemory()) {
            throw new UserError(String.format(Locale.ROOT, "this cluster may need up to %.1f GiB of heap with %d nodes"
                    + " simulated at once, and the JVM has %.1f GiB: give it more (STACKLAB_JAVA_OPTS=-Xmx…), or fewer"
                    + " --threads, --pods-per-node, --rps-per-pod or --seconds", needed / 1073741824.0, threadCount,
                    Runtime.getRuntime().maxMemory() / 1073741824.0));
        }
        List<String> names = modes.equals(List.of("all")) ? Catalog.BUILT_IN_MODES : modes;
        LoadedScenario loaded = LoadedScenario.resolve(Catalog.scenario(Catalog.DEFAULT_SCENARIO)
                .withSeed(seed).withProfile(Reference.of(profile))
                .withModes(ScenarioOptions.references(names)), Catalog.DEFAULT_SCENARIO);

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "bench-cluster: %,d nodes x %,d pods (%d client->server pairs per node, %d cores"
                        + " each), %,.0f requests/s per pod, %.1f simulated s, profile %s, seed %d, %d threads%n",
                nodes, podsPerNode, podsPerNode / 2, cpusPerNode, rpsPerPod, seconds, loaded.profile().name(), seed,
                threadCount);
        // The mode column as wide as the longest name (direct@two-nodes-vxlan), so that every column lines up.
        String modeColumn = "%-" + loaded.modes().stream().mapToInt(m -> m.name().length()).max().orElse(4) + "s";
        stdout.printf(Locale.ROOT, modeColumn + " %12s %9s %9s %9s %12s %8s %12s %10s%n", "mode", "requests", "p50 µs",
                "p90 µs", "p99 µs", "proxy vCPU", "wall s", "events/s", "heap MiB");
        Progress progress = new Progress(spec.commandLine().getErr());
        List<Map<String, Object>> results = new ArrayList<>();
        for (Mode mode : loaded.modes()) {
            AtomicInteger done = new AtomicInteger();
            progress.bar(mode.name() + ": nodes simulated", 0, nodes);
            resetHeapPeaks();
            long start = System.nanoTime();
            ClusterSimulation.Result result = ClusterSimulation.run(loaded, mode, shape, threadCount,
                    node -> progress.bar(mode.name() + ": nodes simulated", done.incrementAndGet(), nodes));
            double wallS = (System.nanoTime() - start) / 1e9;
            double heapMiB = heapPeakBytes() / 1048576.0;
            progress.done();
            RunReport report = result.report();
            double clusterRps = nodes * (podsPerNode / 2) * rpsPerPod;
            double proxyVcpu = report.cpuPerRequestUs().proxy() * clusterRps / 1e6;
            stdout.printf(Locale.ROOT, modeColumn + " %,12d %9.1f %9.1f %9.1f %,12.1f %8.1f %,12.0f %,10.0f%n",
                    mode.name(), report.requests(), report.latencyUs().p50(), report.latencyUs().p90(), report.latencyUs().p99(),
                    proxyVcpu, wallS, result.events() / wallS, heapMiB);
            stdout.flush();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("report", report);
            entry.put("proxyVcpu", proxyVcpu);
            entry.put("wallSeconds", wallS);
            entry.put("heapPeakMiB", heapMiB);
            results.add(entry);
        }
        stdout.println("(proxy vCPU: the proxies' CPU time over the whole cluster, in cores busy;"
                + " heap: the JVM's peak heap during the run, summed over its pools)");
        if (out != null) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schema", SCHEMA);
            document.put("shape", shape);
            document.put("threads", threadCount);
            document.put("runs", results);
            stdout.flush();
            AtomicFiles.write(out, stream -> Json.write(document, stream));
            stdout.println("saved " + out);
        }
        stdout.flush();
        return 0;
    }

    private static void resetHeapPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapPeakBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
