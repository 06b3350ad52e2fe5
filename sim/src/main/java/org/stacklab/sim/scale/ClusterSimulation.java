package org.stacklab.sim.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.model.EventGrain;
import org.stacklab.sim.model.StackModel;
import org.stacklab.sim.path.Hop;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.report.RunStats;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.workload.Workload;

/**
 * A whole cluster simulated packet by packet, every request through every stage of its mode's path.
 *
 * <p>Each node holds its pods as client → server pairs (the lab's one-node topology, laid out
 * {@code podsPerNode / 2} times on the node's cores), so every pod, and every sidecar, handles
 * {@code rpsPerPod} requests per second; requests arrive as a Poisson stream. Traffic between nodes
 * is outside the model, so nodes are independent: each is its own {@link StackModel} with a seed
 * derived from the run's seed and the node's number, and nodes are spread over threads. Every
 * total is a count or a sum, so the result is the same for a seed whatever the number of threads.
 * Only totals are kept, so a node fires one event a process's turn rather than one a stage
 * ({@link EventGrain#TURN}): the four modes of {@code bench-cluster} took 34 s instead of 60–75.
 */
public final class ClusterSimulation {

    /**
     * The cluster.
     *
     * @param nodes       nodes, at least 1
     * @param podsPerNode pods on each node, an even number (they pair up as client and server)
     * @param rpsPerPod   requests each pod handles per second
     * @param seconds     simulated seconds of arrivals
     * @param cpusPerNode cores of each node, shared by all its pods
     */
    public record Shape(int nodes, int podsPerNode, double rpsPerPod, double seconds, int cpusPerNode) {

        /** @throws IllegalArgumentException naming the field at fault */
        public Shape {
            if (nodes < 1) {
                throw new IllegalArgumentException("nodes must be at least 1, not " + nodes);
            }
            if (podsPerNode < 2 || podsPerNode % 2 != 0) {
                throw new IllegalArgumentException("pods per node must be an even number of at least 2 (pods pair up as"
                        + " client and server), not " + podsPerNode);
            }
            if (!(rpsPerPod > 0 && rpsPerPod <= 1e7)) {
                throw new IllegalArgumentException("requests/s per pod must be > 0 and at most 10,000,000, not " + rpsPerPod);
            }
            if (!(seconds > 0 && seconds <= 86_400)) {
                throw new IllegalArgumentException("seconds must be > 0 and at most a day (86400), not " + seconds);
            }
            if (cpusPerNode < 1 || cpusPerNode > 1024) {
                throw new IllegalArgumentException("cpus per node must be from 1 to 1024, not " + cpusPerNode);
            }
        }

        int pairsPerNode() {
            return podsPerNode / 2;
        }

        /**
         * An upper bound of the heap a run needs with {@code threads} nodes simulated at once: per
         * node a fixed part, its pairs' processes and sockets, and every one of its requests in flight
         * at once (a node whose cores cannot keep up holds them all). Measured on the lab VM: a
         * saturated node of 15,000 pairs and 600,000 requests peaked at 123 MiB, an idle one at 12.
         */
        public double heapBytesNeeded(int threads) {
            return Math.max(1, threads) * ((double) NODE_BYTES + (double) pairsPerNode() * PAIR_BYTES
                    + pairsPerNode() * rpsPerPod * seconds * REQUEST_BYTES);
        }

        /** Requests one node makes: its pairs' rate over the run. */
        long requestsPerNode() {
            return Math.max(1, Math.round(pairsPerNode() * rpsPerPod * seconds));
        }
    }

    /**
     * What a cluster run found.
     *
     * @param report the whole cluster's statistics, as for one mode of a scenario
     * @param shape  the cluster
     * @param events events fired over all nodes
     */
    public record Result(RunReport report, Shape shape, long events) {
    }

    private static final long NODE_BYTES = 16L << 20;
    private static final long PAIR_BYTES = 8L << 10;
    private static final long REQUEST_BYTES = 256;

    private ClusterSimulation() {
    }

    /**
     * Simulates every node of the cluster in {@code mode}, with the scenario's profile, message
     * sizes and seed, on {@code threads} threads.
     *
     * @param nodeDone told each node's number when it is done, from the thread that ran it
     * @throws InterruptedException if interrupted while waiting for the nodes
     */
    public static Result run(LoadedScenario loaded, Mode mode, Shape shape, int threads, IntConsumer nodeDone)
            throws InterruptedException {
        Workload sizes = loaded.scenario().workload();
        Workload perNode = new Workload(Workload.Pattern.OPEN_LOOP, 1, shape.pairsPerNode() * shape.rpsPerPod(),
                shape.requestsPerNode(), sizes.requestBytes(), sizes.responseBytes(), sizes.newConnectionPerRequest());
        PathProgram program = PathProgram.of(mode, perNode);
        long seed = loaded.scenario().seed();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "stacklab-cluster");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // Each thread takes the next node and adds its statistics to its own totals, so memory holds
            // one node per thread however large the cluster; the totals are counts, so their sum is the
            // same whichever thread ran which node.
            AtomicInteger next = new AtomicInteger();
            List<Future<NodeResult>> workers = new ArrayList<>();
            for (int t = 0; t < Math.max(1, threads); t++) {
                workers.add(pool.submit(() -> {
                    RunStats stats = new RunStats();
                    long events = 0;
                    long inFlight = 0;
                    for (int number = next.getAndIncrement(); number < shape.nodes(); number = next.getAndIncrement()) {
                        StackModel model = new StackModel(program, loaded.profile(), perNode, shape.cpusPerNode(),
                                loaded.scenario().cpuPlacement(), shape.pairsPerNode(), EventGrain.TURN, nodeSeed(seed, number),
                                stats);
                        model.run();
                        events += model.simulator().eventsFired();
                        inFlight += model.requestsInFlight();
                        nodeDone.accept(number);
                    }
                    return new NodeResult(stats, events, inFlight);
                }));
            }
            RunStats cluster = new RunStats();
            long events = 0;
            long inFlight = 0;
            for (Future<NodeResult> worker : workers) {
                NodeResult done = worker.get();
                cluster.add(done.stats());
                events += done.events();
                inFlight += done.inFlight();
            }
            Workload clusterWorkload = perNode.withRequests(perNode.requests() * shape.nodes());
            RunReport report = RunReport.of("cluster of " + shape.nodes() + " nodes", mode.name(), mode.title(),
                    loaded.profile().name(), seed, shape.cpusPerNode(), clusterWorkload,
                    mode.path().stream().map(Hop::toString).toList(), cluster, inFlight, events);
            return new Result(report, shape, events);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private record NodeResult(RunStats stats, long events, long inFlight) {
    }

    /** A node's own seed: the run's seed and the node's number, mixed (SplitMix64's finalizer). */
    static long nodeSeed(long seed, int node) {
        long z = seed + (node + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
