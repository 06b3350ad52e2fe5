package org.stacklab.lesson;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.io.InvalidValue;

/**
 * What a question's answer is computed from: a metric of a simulated mode, a ratio of two modes,
 * the fastest of several, or a cluster-scale bill from the step's own figures.
 *
 * @param metric   what the answer is
 * @param mode     the mode it is taken of (or the numerator, for {@code ratio-p50})
 * @param baseline the denominator mode, for {@code ratio-p50}
 * @param figures  the inputs of {@code cluster-memory-gb}: nodes, podsPerNode, mbPerProxy
 */
public record Measure(Metric metric, String mode, String baseline, Map<String, Double> figures) {

    private static final List<String> CLUSTER_FIGURES = List.of("nodes", "podsPerNode", "mbPerProxy");

    /** A measure as a lesson file writes it: the metric by its key. */
    @JsonCreator
    public static Measure read(@JsonProperty(value = "metric", required = true) String metric,
                               @JsonProperty("mode") String mode,
                               @JsonProperty("baseline") String baseline,
                               @JsonProperty("figures") Map<String, Double> figures) {
        return new Measure(Metric.byKey(metric).orElseThrow(() -> new InvalidValue("metric", "unknown metric '" + metric
                + "' (known: " + String.join(", ", Arrays.stream(Metric.values()).map(Metric::key).sorted().toList())
                + ")")), mode, baseline, figures);
    }

    public Measure {
        figures = figures == null ? Map.of() : Map.copyOf(figures);
        boolean cluster = metric == Metric.CLUSTER_MEMORY_GB;
        InvalidValue.require(!cluster || figures.keySet().containsAll(CLUSTER_FIGURES), "figures",
                "cluster-memory-gb needs figures " + CLUSTER_FIGURES);
        figures.forEach((figure, value) -> InvalidValue.require(value != null && Double.isFinite(value)
                && value >= 0, "figures." + figure, "figures." + figure + " must be a number >= 0, not " + value));
        InvalidValue.require(cluster || metric.isChoice() || mode != null, "mode",
                "metric '" + metric.key() + "' needs a mode");
        InvalidValue.require(metric.ratioOf() == null || baseline != null, "baseline",
                metric.key() + " needs a baseline mode");
    }

    /** A multiple-choice measure: its answer is one of the question's choices. */
    public boolean isChoice() {
        return metric.isChoice();
    }
}
