package org.stacklab.sim.cost;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.RealDistribution;
import org.stacklab.sim.engine.RandomStreams;
import org.stacklab.sim.stack.Stage;

/**
 * Draws stage service times from a {@link CostProfile}: each stage from its own random stream,
 * and a stage the profile costs differently in some context from a stream of that pair's own.
 * Not thread-safe.
 */
public final class StageSampler {

    /** The cost of one kind of visit (a stage, in a context, with its bytes and rules), ready to draw. */
    public static final class VisitCost {
        private final RealDistribution sampler;
        private final double fixedNs;
        private final double factor;
        /** The copies' cost where its factor differs from the rest's (already scaled by it), else 0. */
        private final double ownPerByteNs;

        /** What its bytes cost (its copies), scaled by their factor. */
        private final double bytesNs;

        private VisitCost(RealDistribution sampler, double fixedNs, double factor, double ownPerByteNs,
                          double bytesNs) {
            this.sampler = sampler;
            this.fixedNs = fixedNs;
            this.factor = factor;
            this.ownPerByteNs = ownPerByteNs;
            this.bytesNs = bytesNs;
        }

        /** What its bytes alone cost, never below one nanosecond: a visit whose fixed part another paid. */
        public long bytesOnlyNs() {
            return Math.max(1L, (long) Math.floor(bytesNs + 0.5));
        }

        /** One visit's service time in nanoseconds, never below one. */
        public long sampleNs() {
            return serviceNs(sampler == null ? 0 : sampler.sample());
        }

        /** The service time at the quantile {@code p} of the distribution, for draws a caller correlates with others. */
        public long sampleNsAtQuantile(double p) {
            return serviceNs(sampler == null ? 0 : sampler.inverseCumulativeProbability(Math.min(Math.nextDown(1.0), p)));
        }

        /** The share of its service times below {@code ns}: the quantile at which a draw reaches it. */
        public double quantileOf(double ns) {
            double base = (ns - 0.5 - ownPerByteNs) / factor - fixedNs;
            if (sampler == null) {
                return base > 0 ? 1 : 0;
            }
            return sampler.cumulativeProbability(base);
        }

        /** Rounded half up, as {@code Math.round}, by the floor the JIT compiles to one instruction. */
        private long serviceNs(double base) {
            return Math.max(1L, (long) Math.floor(factor * (base + fixedNs) + ownPerByteNs + 0.5));
        }
    }

    private final CostProfile profile;
    private final RandomStreams streams;
    private final Map<String, RealDistribution> samplers = new HashMap<>();

    public StageSampler(CostProfile profile, RandomStreams streams) {
        this.profile = profile;
        this.streams = streams;
    }

    /**
     * How late a timer wakes a thread on an idle CPU, ready to draw (from a stream of its own), or null if the
     * profile's timers are on time.
     */
    public VisitCost timerLateness() {
        if (profile.timers() == null) {
            return null;
        }
        // Measured quantiles (TimerCost holds no other kind), drawn as they are.
        return new VisitCost(profile.timers().lateness().sampler(streams.stream("timer-lateness")), 0, 1, 0, 0);
    }

    /**
     * The cost of visiting {@code stage} in {@code costContext} ({@code segment:context}) with
     * so many bytes and rules. Visits of the same stage and context share one random stream.
     */
    public VisitCost cost(Stage stage, String costContext, int bytes, int rules) {
        StageCost cost = profile.cost(stage);
        java.util.Optional<CostDistribution> own = profile.contextStage(costContext, stage);
        CostDistribution base = own.orElse(cost.base());
        String stream = "stage:" + stage.name() + (own.isPresent() ? "@" + costContext : "");
        RealDistribution sampler = samplers.computeIfAbsent(stream, s -> base.sampler(streams.stream(s)));
        double factor = profile.contextFactor(costContext);
        double perByteFactor = profile.perByteFactor(costContext);
        double copyNs = cost.perByteNs() * bytes;
        boolean ownCopy = perByteFactor != factor;
        double fixed = (sampler == null ? base.medianNs() : 0) + (ownCopy ? 0 : copyNs) + cost.perRuleNs() * rules;
        return new VisitCost(sampler, fixed, factor, ownCopy ? perByteFactor * copyNs : 0,
                (ownCopy ? perByteFactor : factor) * copyNs);
    }
}
