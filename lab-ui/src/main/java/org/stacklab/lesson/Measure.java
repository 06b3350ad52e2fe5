package org.stacklab.lesson;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.stacklab.sim.io.InvalidValue;
import java.util.List;
import java.util.Map;

/**
 * What a question's answer is computed from: a metric of a simulated mode, a ratio of two modes,
 * the fastest of several, or a cluster-scale bill from the step's own figures.
 *
 * @param metric   one of {@link #METRICS}
 * @param mode     the mode it is taken of (or the numerator, for {@code ratio-p50})
 * @param baseline the denominator mode, for {@code ratio-p50}
 * @param figures  the inputs of {@code cluster-memory-gb}: nodes, podsPerNode, mbPerProxy
 */
public record Measure(String metric, String mode, String baseline, Map<String, Double> figures) {

    /** The metrics a question may ask for, with what each is. */
    public static final Map<String, String> METRICS = Map.ofEntries(
            Map.entry("p50-us", "median latency of the mode, µs"),
            Map.entry("p99-us", "99th-percentile latency of the mode, µs"),
            Map.entry("ratio-p50", "the mode's p50 divided by the baseline's"),
            Map.entry("tcp-ip-trips-per-direction", "trips through TCP/IP of a request (one direction)"),
            Map.entry("lo-crossings", "loopback device crossings per request (both directions)"),
            Map.entry("veth-crossings", "veth crossings per request (both directions)"),
            Map.entry("sk-msg-redirects", "messages redirected by sk_msg per request"),
            Map.entry("context-switches", "context switches per request"),
            Map.entry("proxy-cpu-us", "proxy CPU time per request, µs"),
            Map.entry("fastest", "the mode with the lowest p50 among the choices"),
            Map.entry("cluster-memory-gb", "proxy memory of a cluster: nodes × podsPerNode × mbPerProxy / 1000"));

    private static final List<String> CLUSTER_FIGURES = List.of("nodes", "podsPerNode", "mbPerProxy");

    @JsonCreator
    public Measure(@JsonProperty(value = "metric", required = true) String metric,
                   @JsonProperty("mode") String mode,
                   @JsonProperty("baseline") String baseline,
                   @JsonProperty("figures") Map<String, Double> figures) {
        this.metric = metric;
        this.mode = mode;
        this.baseline = baseline;
        this.figures = figures == null ? Map.of() : Map.copyOf(figures);
        InvalidValue.require(METRICS.containsKey(metric), "metric", "unknown metric '" + metric + "' (known: "
                + String.join(", ", METRICS.keySet().stream().sorted().toList()) + ")");
        boolean cluster = metric.equals("cluster-memory-gb");
        InvalidValue.require(!cluster || this.figures.keySet().containsAll(CLUSTER_FIGURES), "figures",
                "cluster-memory-gb needs figures " + CLUSTER_FIGURES);
        this.figures.forEach((figure, value) -> InvalidValue.require(value != null && Double.isFinite(value)
                && value >= 0, "figures." + figure, "figures." + figure + " must be a number >= 0, not " + value));
        InvalidValue.require(cluster || isChoice() || mode != null, "mode", "metric '" + metric + "' needs a mode");
        InvalidValue.require(!metric.equals("ratio-p50") || baseline != null, "baseline",
                "ratio-p50 needs a baseline mode");
    }

    /** A multiple-choice measure: its answer is one of the question's choices. */
    public boolean isChoice() {
        return metric.equals("fastest");
    }
}
