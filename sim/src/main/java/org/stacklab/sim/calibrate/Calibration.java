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
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.stacklab.sim.cost.CostDistribution;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.cost.StageCost;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.model.EventGrain;
import org.stacklab.sim.model.StackModel;
import org.stacklab.sim.model.VisitListener;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.path.Step;
import org.stacklab.sim.report.SegmentTimes;
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
     * One measured mode: its segments' µs per request, measured; its contexts' µs per request,
     * simulated with the base profile for the same workload; and its wake-ups one by one.
     *
     * @param roundTripUs    the mean round trip the workload driver timed, or 0 if unknown: what it holds
     *                       beyond the probe's segments is the client's own time ({@link PathProgram#CLIENT_CONTEXT})
     * @param wakeupContexts the context of each wake-up of a round trip, in order ({@link PathProgram#wakeupContexts()})
     * @param wakeupsNs      measured wake-ups in ns, by their position in the round trip; may be empty
     */
    public record Observation(String mode, SegmentTimes measuredUs, Map<String, Double> simulatedUs,
                              double roundTripUs, List<String> wakeupContexts, List<List<Long>> wakeupsNs) {

        /** An observation of segment times alone. */
        public Observation(String mode, SegmentTimes measuredUs, Map<String, Double> simulatedUs) {
            this(mode, measuredUs, simulatedUs, 0, List.of(), List.of());
        }

        /** The client's own time: the timed round trip beyond the segments the probe saw. */
        double clientUs() {
            return roundTripUs - measuredUs.total();
        }
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

    /** A context with less simulated time than this per request is left alone. */
    private static final double SMALLEST_US = 0.01;

    /** A factor is never set below this: a context cannot cost nothing. */
    private static final double SMALLEST_FACTOR = 0.05;

    /** Fewer measured wake-ups than this leave a context's spread as the base profile has it. */
    private static final int SMALLEST_SAMPLE = 50;

    private final Map<String, ContextFit> fits = new TreeMap<>();
    /** A fit this close (Kolmogorov–Smirnov D) stands; a worse one gives way to the measured distribution itself. */
    private static final double GOOD_FIT = 0.05;
    /** Quantiles kept of a measured distribution. */
    private static final int QUANTILES = 101;

    /** The most a round trip's wake-ups are taken to be correlated: the copula needs some of each switch's own. */
    private static final double MOST_CORRELATION = 0.95;

    private final Map<String, double[]> wakeups = new TreeMap<>();
    private final Map<String, DistributionFit> wakeupSpreads = new TreeMap<>();
    private double wakeupCorrelation;

    private Calibration() {
    }

    /** Calibrates from the observations; a context no observation measured keeps its base factor. */
    public static Calibration of(List<Observation> observations) {
        Calibration c = new Calibration();
        for (Segment segment : Segment.values()) {
            c.solve(segment, observations);
        }
        c.solveClient(observations);
        Map<String, List<Double>> wakeups = new TreeMap<>();
        for (Observation o : observations) {
            for (int i = 0; i < Math.min(o.wakeupContexts().size(), o.wakeupsNs().size()); i++) {
                List<Double> times = wakeups.computeIfAbsent(Segment.WAKEUP.key() + ":" + o.wakeupContexts().get(i),
                        k -> new ArrayList<>());
                for (long ns : o.wakeupsNs().get(i)) {
                    times.add((double) ns);
                }
            }
        }
        c.wakeupCorrelation = wakeupCorrelationOf(observations);
        wakeups.forEach((context, times) -> {
            if (times.size() >= SMALLEST_SAMPLE) {
                double[] ns = times.stream().mapToDouble(Double::doubleValue).toArray();
                c.wakeups.put(context, ns);
                c.wakeupSpreads.put(context, DistributionFit.of(ns));
            }
        });
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
                double measured = o.measuredUs().us(segment);
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

    /**
     * How much a round trip's wake-ups are slow or quick together: the correlation of their normal
     * scores (each position's wake-ups ranked, and the ranks taken to standard normal quantiles),
     * averaged over every pair of positions of every observation whose positions hold the same
     * round trips (as many wake-ups at each); 0 if none does.
     */
    private static double wakeupCorrelationOf(List<Observation> observations) {
        double sum = 0;
        int pairs = 0;
        for (Observation o : observations) {
            List<List<Long>> byPosition = o.wakeupsNs();
            int trips = byPosition.isEmpty() ? 0 : byPosition.get(0).size();
            if (byPosition.size() < 2 || trips < SMALLEST_SAMPLE
                    || byPosition.stream().anyMatch(position -> position.size() != trips)) {
                continue;
            }
            List<double[]> scores = byPosition.stream().map(Calibration::normalScores).toList();
            for (int i = 0; i < scores.size(); i++) {
                for (int k = i + 1; k < scores.size(); k++) {
                    sum += new PearsonsCorrelation().correlation(scores.get(i), scores.get(k));
                    pairs++;
                }
            }
        }
        return pairs == 0 ? 0 : round(Math.max(0, Math.min(MOST_CORRELATION, sum / pairs)));
    }

    private static double[] normalScores(List<Long> times) {
        double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE)
                .rank(times.stream().mapToDouble(Long::doubleValue).toArray());
        NormalDistribution standard = new NormalDistribution(null, 0, 1);
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = standard.inverseCumulativeProbability((ranks[i] - 0.5) / ranks.length);
        }
        return ranks;
    }

    /** The client's own steps, from what the driver timed beyond the probe's segments. */
    private void solveClient(List<Observation> observations) {
        String client = clientContext();
        double measured = 0;
        double simulated = 0;
        for (Observation o : observations) {
            if (o.roundTripUs() > 0 && o.clientUs() > 0) {
                measured += o.clientUs();
                simulated += o.simulatedUs().getOrDefault(client, 0.0);
            }
        }
        if (measured > 0 && simulated > 0) {
            fits.put(client, new ContextFit(round(measured), round(simulated),
                    round(Math.max(SMALLEST_FACTOR, measured / simulated))));
        }
    }

    private static String clientContext() {
        return Segment.APP.key() + ":" + PathProgram.CLIENT_CONTEXT;
    }

    private static List<String> contextsOf(Observation o, String prefix) {
        List<String> contexts = new ArrayList<>();
        o.simulatedUs().forEach((k, us) -> {
            // Too small a share to measure (a process's very first switch), and the client the probe does not see.
            if (k.startsWith(prefix) && us >= SMALLEST_US && !k.equals(clientContext())) {
                contexts.add(k);
            }
        });
        return contexts;
    }

    /**
     * The calibrated profile: the base's stage costs, the shapes fitted to measured visits where
     * given, the base's context factors times the fitted ones, and, for each wake-up context
     * measured one by one, a {@link Stage#CTX_SWITCH} of its own whose spread gives the wake-up the
     * measured spread (the switch, with its wait for a CPU, is where a wake-up's time varies).
     *
     * @param shapes fits of measured visits, by the stage whose shape they set
     */
    public CostProfile apply(CostProfile base, String name, String recordings, Map<Stage, DistributionFit> shapes) {
        Map<String, Double> factors = new TreeMap<>(base.contextFactors());
        fits.forEach((context, fit) -> factors.put(context, round(base.contextFactor(context) * fit.factor())));
        Map<String, Map<Stage, CostDistribution>> contextStages = new TreeMap<>(base.contextStages());
        wakeupSpreads.forEach((context, spread) -> {
            // The measured wake-ups' time beyond the other stages of a wake-up (sk_data_ready, the copy), at their
            // base cost, is the switch's: where the reader waits for a CPU and, on a VM, wakes an idle one. So the
            // context's factor is 1 and a busy CPU's cheaper switch (WakePlacement) reaches all of that time.
            factors.put(context, 1.0);
            double others = base.cost(Stage.WAKEUP).base().mean() + base.cost(Stage.SOCK_RECV).base().mean();
            double[] measured = wakeups.get(context);
            double mean = java.util.Arrays.stream(measured).average().orElse(others);
            Map<Stage, CostDistribution> byStage = new EnumMap<>(Stage.class);
            byStage.putAll(contextStages.getOrDefault(context, Map.of()));
            if (spread.ksDistance() <= GOOD_FIT) {
                byStage.put(Stage.CTX_SWITCH, withSpread(spread.distribution().family(), Math.max(1, mean - others),
                        variance(spread.distribution())));
            } else {
                byStage.put(Stage.CTX_SWITCH, CostDistribution.empirical(measured, QUANTILES).scaled(1, -others));
            }
            contextStages.put(context, byStage);
        });
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
        description.append(String.format(Locale.ROOT, " a round trip's wake-ups correlated %.3f (normal scores);",
                wakeupCorrelation));
        wakeupSpreads.forEach((context, spread) -> description.append(String.format(Locale.ROOT,
                " %s wake-ups: %s from %d measured (best family %s, KS D %.3f);", context,
                spread.ksDistance() <= GOOD_FIT ? spread.distribution().family() : "their own quantiles",
                spread.samples(), spread.distribution().family(), spread.ksDistance())));
        return new CostProfile(name, description.toString(), stages, factors, contextStages, wakeupCorrelation,
                base.wakePlacement(), base.perByteFactors(), base.timers(), base.workSpread());
    }

    /**
     * Each cost context's simulated µs per request (connection set-up excluded, as the probe
     * times it) for a scenario's workload in a mode.
     */
    public static Map<String, Double> simulatedContextsUs(LoadedScenario loaded, Mode mode) {
        Workload workload = loaded.scenario().workload();
        PathProgram program = PathProgram.of(mode, workload);
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
        new StackModel(program, loaded.profile(), workload, loaded.scenario().cpus(), loaded.scenario().cpuPlacement(), 1,
                EventGrain.STAGE, loaded.scenario().seed(), byContext).run();
        Map<String, Double> us = new TreeMap<>();
        ns.forEach((context, total) -> us.put(context, round(total[0] / 1000.0 / Math.max(1, completed[0]))));
        return us;
    }

    /** The fitted contexts, for reports. */
    public Map<String, ContextFit> report() {
        return new LinkedHashMap<>(fits);
    }

    /** How much a round trip's measured wake-ups went together ({@link CostProfile#wakeupCorrelation()}). */
    public double wakeupCorrelation() {
        return wakeupCorrelation;
    }

    /** The measured wake-ups' fitted distribution, by wake-up context. */
    public Map<String, DistributionFit> wakeupSpreads() {
        return new LinkedHashMap<>(wakeupSpreads);
    }

    private static double variance(CostDistribution d) {
        if (d.family().equals(CostDistribution.GAMMA)) {
            return d.meanNs() * d.meanNs() / d.shape();
        }
        double s2 = d.shape() * d.shape();
        return (Math.exp(s2) - 1) * d.medianNs() * d.medianNs() * Math.exp(s2);
    }

    /** A distribution of the family with the given mean and variance. */
    private static CostDistribution withSpread(String family, double mean, double variance) {
        if (family.equals(CostDistribution.GAMMA)) {
            return new CostDistribution(CostDistribution.GAMMA, 0, mean, Math.max(1e-3, mean * mean / variance));
        }
        double s2 = Math.log1p(variance / (mean * mean));
        return CostDistribution.lognormal(mean / Math.exp(s2 / 2), Math.max(1e-3, Math.sqrt(s2)));
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
