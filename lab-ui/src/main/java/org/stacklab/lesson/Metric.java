package org.stacklab.lesson;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.stacklab.sim.report.RunReport;

/** What a question's answer is computed from: a figure of one simulated mode, or one of the special measures. */
public enum Metric {
    P50_US("p50-us", "median latency of the mode, µs", "µs", r -> r.latencyUs().p50()),
    P99_US("p99-us", "99th-percentile latency of the mode, µs", "µs", r -> r.latencyUs().p99()),
    RATIO_P50("ratio-p50", "the mode's p50 divided by the baseline's", P50_US),
    /** Half a round trip's: every mode's response retraces its request's hops. */
    TCP_IP_TRIPS_PER_DIRECTION("tcp-ip-trips-per-direction", "trips through TCP/IP of a request (one direction)", "",
            r -> r.crossingsPerRequest().tcpIp() / 2),
    LO_CROSSINGS("lo-crossings", "loopback device crossings per request (both directions)", "",
            r -> r.crossingsPerRequest().lo()),
    VETH_CROSSINGS("veth-crossings", "veth crossings per request (both directions)", "",
            r -> r.crossingsPerRequest().veth()),
    SK_MSG_REDIRECTS("sk-msg-redirects", "messages redirected by sk_msg per request", "",
            r -> r.crossingsPerRequest().skMsgRedirects()),
    CONTEXT_SWITCHES("context-switches", "context switches per request", "", RunReport::contextSwitchesPerRequest),
    PROXY_CPU_US("proxy-cpu-us", "proxy CPU time per request, µs", "µs", r -> r.cpuPerRequestUs().proxy()),
    GBIT_PER_SECOND("gbit-per-second", "the apps' bytes moved per second, Gbit/s", "Gbit/s",
            RunReport::throughputGbitPerSecond),
    RATIO_GBIT("ratio-gbit", "the mode's Gbit/s divided by the baseline's", GBIT_PER_SECOND),
    FASTEST("fastest", "the mode with the lowest p50 among the choices", "", null),
    MOST_THROUGHPUT("most-throughput", "the mode that moves the most bytes per second among the choices", "", null),
    CLUSTER_MEMORY_GB("cluster-memory-gb", "proxy memory of a cluster: nodes × podsPerNode × mbPerProxy / 1000", "GB",
            null);

    private final String key;
    private final String description;
    private final String unit;
    private final ToDoubleFunction<RunReport> ofReport;
    private final Metric ratioOf;

    Metric(String key, String description, String unit, ToDoubleFunction<RunReport> ofReport) {
        this.key = key;
        this.description = description;
        this.unit = unit;
        this.ofReport = ofReport;
        this.ratioOf = null;
    }

    /** A ratio of another metric: the mode's figure over the baseline mode's. */
    Metric(String key, String description, Metric ratioOf) {
        this.key = key;
        this.description = description;
        this.unit = "×";
        this.ofReport = null;
        this.ratioOf = ratioOf;
    }

    /** Whether its answer is one of the question's choices: the mode that does best. */
    public boolean isChoice() {
        return this == FASTEST || this == MOST_THROUGHPUT;
    }

    /** For a choice: how a mode's report ranks, lowest best. */
    public double rank(RunReport report) {
        return this == MOST_THROUGHPUT ? -report.throughputGbitPerSecond() : report.latencyUs().p50();
    }

    /** The metric this one divides, mode by baseline, or null if it is not a ratio. */
    public Metric ratioOf() {
        return ratioOf;
    }

    /** How lesson files name it. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** The unit its answers carry, or "" for a count. */
    public String unit() {
        return unit;
    }

    /** Whether it is one figure of one mode's report. */
    public boolean ofOneReport() {
        return ofReport != null;
    }

    /** Its figure in a mode's report; only for {@link #ofOneReport()} metrics. */
    public double of(RunReport report) {
        return ofReport.applyAsDouble(report);
    }

    /** The metric a lesson file names by its {@link #key()}. */
    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
}
