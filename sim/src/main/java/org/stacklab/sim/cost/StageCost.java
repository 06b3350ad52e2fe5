package org.stacklab.sim.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one visit of a stage costs: a base time, plus a copy cost per byte carried, plus a cost
 * per netfilter rule traversed (zero for stages that traverse none).
 *
 * @param base       the base time's distribution
 * @param perByteNs  nanoseconds per byte carried (data copy, checksums)
 * @param perRuleNs  nanoseconds per iptables rule traversed at this hook
 * @param source     where the numbers come from, so a reader can check them
 */
public record StageCost(CostDistribution base, double perByteNs, double perRuleNs, String source) {

    @JsonCreator
    public StageCost(@JsonProperty(value = "base", required = true) CostDistribution base,
                     @JsonProperty("perByteNs") Double perByteNs,
                     @JsonProperty("perRuleNs") Double perRuleNs,
                     @JsonProperty(value = "source", required = true) String source) {
        this(base, perByteNs == null ? 0 : perByteNs, perRuleNs == null ? 0 : perRuleNs, source);
    }

    public StageCost {
        if (perByteNs < 0 || perRuleNs < 0) {
            throw new IllegalArgumentException("perByteNs and perRuleNs must be >= 0");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("every cost needs its source");
        }
    }

    /** The mean cost of a visit carrying {@code bytes} through {@code rules} rules. */
    public double meanNs(int bytes, int rules) {
        return base.mean() + perByteNs * bytes + perRuleNs * rules;
    }
}
