package org.stacklab.sim.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.stacklab.sim.io.InvalidValue;

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

    /** Copying a byte takes well under a nanosecond; a thousand is a unit slip. */
    public static final double MAX_PER_BYTE_NS = 1_000;
    /** An iptables rule is tens of nanoseconds; a millisecond is a unit slip. */
    public static final double MAX_PER_RULE_NS = 1_000_000;

    @JsonCreator
    public StageCost(@JsonProperty(value = "base", required = true) CostDistribution base,
                     @JsonProperty("perByteNs") Double perByteNs,
                     @JsonProperty("perRuleNs") Double perRuleNs,
                     @JsonProperty(value = "source", required = true) String source) {
        this(base, perByteNs == null ? 0 : perByteNs, perRuleNs == null ? 0 : perRuleNs, source);
    }

    public StageCost {
        InvalidValue.require(perByteNs >= 0 && perByteNs <= MAX_PER_BYTE_NS, "perByteNs",
                "perByteNs must be from 0 to " + (long) MAX_PER_BYTE_NS + ", not " + perByteNs);
        InvalidValue.require(perRuleNs >= 0 && perRuleNs <= MAX_PER_RULE_NS, "perRuleNs",
                "perRuleNs must be from 0 to " + (long) MAX_PER_RULE_NS + ", not " + perRuleNs);
        InvalidValue.require(source != null && !source.isBlank(), "source", "every cost needs its source");
    }

    /** The mean cost of a visit carrying {@code bytes} through {@code rules} rules. */
    public double meanNs(int bytes, int rules) {
        return base.mean() + perByteNs * bytes + perRuleNs * rules;
    }
}
