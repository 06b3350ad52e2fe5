package org.stacklab.sim.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.stacklab.sim.stack.CpuCategory;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.workload.Workload;

/**
 * The result of simulating one mode: what {@code stacklab sim --json} prints. Times are in
 * microseconds, rounded to 0.001; counts per request are averages over completed requests.
 *
 * @param schema  {@value #SCHEMA}
 * @param crossingsPerRequest what a request and its response crossed ({@link Crossings}), on average
 * @param handshakeTcpIpTripsPerRequest trips through TCP/IP of connection set-up per request (new-connection workloads)
 * @param throughputGbitPerSecond the apps' bytes moved per second ({@link Workload#bytesPerRequest()}), in Gbit/s
 * @param segmentsUsPerRequest time per request in each segment; they add up to the mean latency
 */
@JsonPropertyOrder(alphabetic = false)
public record RunReport(String schema, String scenario, String mode, String modeTitle, String profile, long seed,
                        int cpus, Workload workload, List<String> path, long requests, long inFlight,
                        Latency latencyUs, List<double[]> latencyCdfUs, double requestsPerSecond,
                        double throughputGbitPerSecond,
                        Crossings crossingsPerRequest, double handshakeTcpIpTripsPerRequest,
                        List<StageShare> stages, SegmentTimes segmentsUsPerRequest, CpuTimes cpuPerRequestUs,
                        double contextSwitchesPerRequest, long events) {

    public static final String SCHEMA = "stacklab.run/2";

    /** Percentiles at which {@link #latencyCdfUs} samples the distribution. */
    static final double[] CDF_PERCENTILES = {0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
        95, 99, 99.9, 100};

    /** End-to-end latency percentiles of completed requests. */
    public record Latency(double p50, double p90, double p99, double p999, double max, double mean) {

        public static Latency of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0);
            }
            return new Latency(us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)),
                    us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()),
                    us(h.getMean()));
        }
    }

    /**
     * Where the time went, stage by stage.
     *
     * @param stage            the stage
     * @param visitsPerRequest how many times a request visited it
     * @param usPerVisit       mean time of one visit (for CTX_SWITCH, including the wait for a core)
     * @param usPerRequest     its time per request
     * @param share            its share of all stage time, 0 to 1
     */
    public record StageShare(Stage stage, double visitsPerRequest, double usPerVisit, double usPerRequest,
                             double share) {
    }

    /** Builds the report of a finished (or stopped) run. */
    public static RunReport of(String scenario, String mode, String modeTitle, String profile, long seed, int cpus,
                               Workload workload, List<String> path, RunStats stats, long inFlight, long events) {
        double n = Math.max(1, stats.completed());

        long allElapsed = 0;
        for (Stage stage : Stage.values()) {
            allElapsed += stats.elapsedNs(stage);
        }
        List<StageShare> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            long visits = stats.visits(stage);
            if (visits == 0) {
                continue;
            }
            long elapsed = stats.elapsedNs(stage);
            stages.add(new StageShare(stage, round(visits / n), us((double) elapsed / visits), us(elapsed / n),
                    round((double) elapsed / Math.max(1, allElapsed))));
        }
        Map<Segment, Double> segments = new EnumMap<>(Segment.class);
        for (Segment segment : Segment.values()) {
            segments.put(segment, us(stats.segmentNs(segment) / n));
        }
        CpuTimes cpu = new CpuTimes(us(stats.cpuNs(CpuCategory.USER) / n), us(stats.cpuNs(CpuCategory.KERNEL) / n),
                us(stats.cpuNs(CpuCategory.PROXY) / n));
        double rps = stats.spanNs() == 0 ? 0 : round(stats.completed() * 1e9 / stats.spanNs());
        return new RunReport(SCHEMA, scenario, mode, modeTitle, profile, seed, cpus, workload, List.copyOf(path),
                stats.completed(), inFlight, Latency.of(stats.latency()), cdf(stats.latency()), rps,
                Throughput.of(rps, cpu.total(), workload).gbitPerSecond(),
                stats.crossings().perRoundTrip(stats.completed()), round(stats.visits(Stage.TCP_OUT, Direction.CONNECT) / n),
                stages,
                SegmentTimes.of(segments), cpu,
                round(stats.visits(Stage.CTX_SWITCH) / n), events);
    }

    /** What the run moved and what a byte cost. */
    public Throughput throughput() {
        return Throughput.of(requestsPerSecond, cpuPerRequestUs.total(), workload);
    }

    /** The latency distribution as [percentile, µs] points, for plotting a CDF. */
    private static List<double[]> cdf(Histogram h) {
        List<double[]> points = new ArrayList<>();
        if (h.getTotalCount() > 0) {
            for (double p : CDF_PERCENTILES) {
                points.add(new double[] {p, us(p == 0 ? h.getMinValue() : h.getValueAtPercentile(p))});
            }
        }
        return points;
    }

    static double us(double ns) {
        return Math.round(ns) / 1000.0;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
