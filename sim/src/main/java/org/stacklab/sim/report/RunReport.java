package org.stacklab.sim.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 */
@JsonPropertyOrder(alphabetic = false)
public record RunReport(String schema, String scenario, String mode, String modeTitle, String profile, long seed,
                        int cpus, Workload workload, List<String> path, long requests, long inFlight,
                        Latency latencyUs, List<double[]> latencyCdfUs, double requestsPerSecond,
                        Traversals traversalsPerRequest,
                        List<StageShare> stages, Map<String, Double> segmentsUsPerRequest,
                        Map<String, Double> cpuPerRequestUs,
                        double contextSwitchesPerRequest, long events) {

    public static final String SCHEMA = "stacklab.run/1";

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
     * How often a request crossed each part of the stack, per direction.
     *
     * @param tcpIp        trips through TCP/IP, by direction (connect, request, response)
     * @param devices      device crossings by device kind ({@code lo}, {@code veth}), all directions
     * @param skMsgRedirects messages redirected socket to socket
     */
    public record Traversals(Map<String, Double> tcpIp, Map<String, Double> devices, double skMsgRedirects) {
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
        Map<String, Double> tcpIp = new LinkedHashMap<>();
        for (Direction direction : Direction.values()) {
            tcpIp.put(key(direction), round(stats.visits(Stage.TCP_OUT, direction) / n));
        }
        Map<String, Double> devices = new LinkedHashMap<>();
        stats.deviceCrossings().forEach((kind, counts) -> {
            long total = 0;
            for (long count : counts) {
                total += count;
            }
            devices.put(kind, round(total / n));
        });
        Traversals traversals = new Traversals(tcpIp, devices, round(stats.visits(Stage.SK_MSG_REDIRECT) / n));

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
        Map<String, Double> segments = new LinkedHashMap<>();
        for (Segment segment : Segment.values()) {
            segments.put(segment.key(), us(stats.segmentNs(segment) / n));
        }
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (CpuCategory category : CpuCategory.values()) {
            cpu.put(key(category), us(stats.cpuNs(category) / n));
        }
        double rps = stats.spanNs() == 0 ? 0 : round(stats.completed() * 1e9 / stats.spanNs());
        return new RunReport(SCHEMA, scenario, mode, modeTitle, profile, seed, cpus, workload, List.copyOf(path),
                stats.completed(), inFlight, Latency.of(stats.latency()), cdf(stats.latency()), rps, traversals, stages,
                segments, cpu,
                round(stats.visits(Stage.CTX_SWITCH) / n), events);
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

    private static String key(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    static double us(double ns) {
        return Math.round(ns) / 1000.0;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
