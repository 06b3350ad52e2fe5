package org.stacklab.sim.calibrate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.stacklab.sim.cost.CostDistribution;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.cost.StageCost;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.model.StackModel;
import org.stacklab.sim.model.VisitListener;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.path.Step;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.workload.Workload;

/**
 * A cost profile fitted to measurements.
 *
 * <p>The live probe times {@link Segment}s of a round trip, not single stages; the model knows,
 * within a segment, how much time each cost context ({@code segment:context}, see
 * {@link Step#context()}) took. Calibration finds one factor per context so that, mode by mode,
 * the contexts' simulated times times their factors add up to the measured segment: a context
 * alone in some measured mode's segment is solved from it (e.g. {@code wakeup:read} from
 * {@code direct}), then a mode where one context is left unknown gives that one (e.g.
 * {@code wakeup:epoll} from {@code sidecar}, once {@code wakeup:read} is known), and so on;
 * contexts that only ever appear together share a factor. The stages' own costs stay; the factors
 * go into the profile's {@code contextFactors}.
 */
public final class Calibration {

    /**
     * One measured mode: its segments' µs per request, measured; and its contexts' µs per request,
     * simulated with the base profile for the same workload.
     */
    public record Observation(String mode, Map<String, Double> measuredUs, Map<String, Double> simulatedUs) {
    }

    /**
     * A context's calibration.
     *
     * @param measuredUs  µs per request measured and attributed to it, summed over the modes that gave it
     * @param simulatedUs µs per request the base profile gave it in those modes
     * @param factor      measured ÷ simulated
     */
    public record ContextFit(double measuredUs, double simulatedUs, double factor) {
    }

    /** A factor is never set below this: a context cannot cost nothing. */
    private static final double SMALLEST_FACTOR = 0.05;

    private final Map<String, ContextFit> fits = new TreeMap<>();

    private Calibration() {
    }

    /** Calibrates from the observations; a context no observation measured keeps its base factor. */
    public static Calibration of(List<Observation> observations) {
        Calibration c = new Calibration();
        for (Segment segment : Segment.values()) {
            c.solve(segment, observations);
        }
        return c;
    }

    private void solve(Segment segment, List<Observation> observations) {
        String prefix = segment.key() + ":";
        Set<String> unknown = new TreeSet<>();
        observations.forEach(o -> contextsOf(o, prefix).forEach(unknown::add));
        boolean shareLeftovers = false;
        while (!unknown.isEmpty()) {
            Map<String, double[]> sums = new HashMap<>(); // context -> {measured, simulated}
            for (Observation o : observations) {
                double measured = o.measuredUs().getOrDefault(segment.key(), 0.0);
                if (measured <= 0) {
                    continue;
                }
                List<String> open = contextsOf(o, prefix).stream().filter(unknown::contains).toList();
                if (open.isEmpty() || open.size() > 1 && !shareLeftovers) {
                    continue;
                }
                double rest = contextsOf(o, prefix).stream().filter(fits::containsKey)
                        .mapToDouble(k -> fits.get(k).factor() * o.simulatedUs().get(k)).sum();
                double openSimulated = open.stream().mapToDouble(k -> o.simulatedUs().get(k)).sum();
                for (String k : open) {
                    double share = o.simulatedUs().get(k) / openSimulated;
                    double[] sum = sums.computeIfAbsent(k, x -> new double[2]);
                    sum[0] += Math.max(0, measured - rest) * share;
                    sum[1] += o.simulatedUs().get(k);
                }
            }
            if (sums.isEmpty()) {
                if (shareLeftovers) {
                    break; // measured nowhere
                }
                shareLeftovers = true; // only ever together: they share a factor
                continue;
            }
            sums.forEach((k, sum) -> fits.put(k, new ContextFit(round(sum[0]), round(sum[1]),
                    round(Math.max(SMALLEST_FACTOR, sum[0] / sum[1])))));
            unknown.removeAll(sums.keySet());
            shareLeftovers = false;
        }
    }

    private static List<String> contextsOf(Observation o, String prefix) {
        List<String> contexts = new ArrayList<>();
        o.simulatedUs().forEach((k, us) -> {
            if (k.startsWith(prefix) && us > 0) {
                contexts.add(k);
            }
        });
        return contexts;
    }

    /**
     * The calibrated profile: the base's stage costs, the shapes fitted to measured visits where
     * given, and the base's context factors times the fitted ones.
     *
     * @param shapes fits of measured visits, by the stage whose shape they set
     */
    public CostProfile apply(CostProfile base, String name, String recordings, Map<Stage, DistributionFit> shapes) {
        Map<String, Double> factors = new TreeMap<>(base.contextFactors());
        fits.forEach((context, fit) -> factors.put(context, round(base.contextFactor(context) * fit.factor())));
        Map<Stage, StageCost> stages = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            StageCost cost = base.cost(stage);
            CostDistribution d = cost.base();
            String why = cost.source();
            DistributionFit shape = shapes.get(stage);
            if (shape != null) {
                d = withShape(d, shape.distribution());
                why += String.format(Locale.ROOT, "; shape %s %.3f fitted to %d visits in %s (KS D %.3f)",
                        d.family(), d.shape(), shape.samples(), recordings, shape.ksDistance());
            }
            stages.put(stage, new StageCost(d, cost.perByteNs(), cost.perRuleNs(), why));
        }
        StringBuilder description = new StringBuilder("calibrated from " + recordings + " on top of " + base.name()
                + "; context factors (measured vs simulated µs per request):");
        fits.forEach((context, fit) -> description.append(String.format(Locale.ROOT, " %s x %.3f (%.2f vs %.2f);",
                context, fit.factor(), fit.measuredUs(), fit.simulatedUs())));
        return new CostProfile(name, description.toString(), stages, factors);
    }

    /**
     * Each cost context's simulated µs per request (connection set-up excluded, as the probe
     * times it) for a scenario's workload in a mode.
     */
    public static Map<String, Double> simulatedContextsUs(LoadedScenario loaded, Mode mode) {
        Workload workload = loaded.scenario().workload();
        PathProgram program = new PathProgram(mode, workload.requestBytes(), workload.responseBytes(),
                workload.newConnectionPerRequest());
        Map<String, long[]> ns = new HashMap<>();
        long[] completed = new long[1];
        VisitListener byContext = new VisitListener() {
            @Override
            public void visit(long request, Step step, int cpu, long enterNs, long exitNs, long serviceNs) {
                if (step.direction() != Direction.CONNECT) {
                    ns.computeIfAbsent(step.costContext(), k -> new long[1])[0] += exitNs - enterNs;
                }
            }

            @Override
            public void completed(long request, long startNs, long endNs) {
                completed[0]++;
            }
        };
        new StackModel(program, loaded.profile(), workload, loaded.scenario().cpus(), loaded.scenario().seed(), byContext)
                .run();
        Map<String, Double> us = new TreeMap<>();
        ns.forEach((context, total) -> us.put(context, round(total[0] / 1000.0 / Math.max(1, completed[0]))));
        return us;
    }

    /** The fitted contexts, for reports. */
    public Map<String, ContextFit> report() {
        return new LinkedHashMap<>(fits);
    }

    /** The fitted family and shape, at the base distribution's mean. */
    private static CostDistribution withShape(CostDistribution base, CostDistribution fitted) {
        double mean = base.mean();
        if (fitted.family().equals(CostDistribution.GAMMA)) {
            return new CostDistribution(CostDistribution.GAMMA, 0, mean, fitted.shape());
        }
        double sigma = fitted.shape();
        return CostDistribution.lognormal(mean / Math.exp(sigma * sigma / 2), sigma);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
