package org.stacklab.sim.calibrate;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.workload.Workload;

/**
 * How a round trip's costs go together, chosen so that the calibrated model's round trips spread as the measured
 * ones did: the wake-up correlation ({@link CostProfile#wakeupCorrelation()}) and the spread of a round trip's work
 * ({@link CostProfile#workSpread()}).
 *
 * <p>The normal scores' correlation ({@link Calibration#wakeupCorrelation()}) says how a round trip's
 * wake-ups go together in the bulk. Whether their rare slow ones strike one round trip together (the
 * host slowing the VM for a while) or one wake-up each is the copula's tail, and a Gaussian copula ties
 * it to the same ρ: with a wake-up whose slowest 3 % form a hump, six of them drawn at a bulk ρ of 0.5
 * put the hump into a sixth of the round trips, where the measured sidecar put it into fewer than one
 * in ten (a model p90 twice the measured one, 2026-12-01). And the wake-ups are not all of a round trip's
 * spread: on the lab VM a spread direct ping-pong's two wake-ups were 7–9 µs from p10 to p90 each, its round
 * trips 30 µs at p50 and 36 at p90 (2026-12-02), more than even two wake-ups as one could spread; the rest is
 * the work's, slow or quick as one (drawn stage by stage it would all but cancel). So both are chosen from the
 * round trips themselves: the pair whose simulated p50 and p90 come closest to the measured ones, summed over the
 * modes calibrated on (|ln simulated ÷ measured| each), on a grid of ρ from 0 to {@value #MOST_CORRELATION} in
 * steps of {@value #CORRELATION_STEP} and spreads from 0 to {@value #MOST_SPREAD} in steps of
 * {@value #SPREAD_STEP}, then half a step around the best; on a tie, the one nearer the profile's own (the
 * normal scores' ρ and its spread), which stays unless a trial does better.
 *
 * @param correlation      the chosen ρ
 * @param workSpread       the chosen spread of a round trip's work
 * @param scoreCorrelation the normal scores' estimate it started from
 * @param missAtScore      the summed miss with the normal scores' estimate (and the profile's own spread)
 * @param miss             the summed miss with the chosen pair
 */
public record SpreadFit(double correlation, double workSpread, double scoreCorrelation, double missAtScore,
                        double miss) {

    /** A mode calibrated on: its scenario (workload, mode and placement; a fit sets its own profile in) and its measured round trips. */
    public record Target(LoadedScenario scenario, RunReport.Latency measuredUs) {
    }

    static final double CORRELATION_STEP = 0.1;
    static final double MOST_CORRELATION = 0.95;
    static final double SPREAD_STEP = 0.05;
    static final double MOST_SPREAD = 0.5;
    /** Round trips simulated per trial: p90 to within a few percent, and a grid of trials over several modes in seconds. */
    static final long TRIAL_ROUND_TRIPS = 5_000;

    private record Candidate(double correlation, double workSpread, double miss) {
    }

    /** The ρ and work spread under which {@code profile}'s round trips come closest to the targets' measured ones. */
    public static SpreadFit of(CostProfile profile, List<Target> targets) {
        Candidate start = trial(profile, profile.wakeupCorrelation(), profile.workSpread(), targets);
        Stream<double[]> grid = correlations().boxed().flatMap(rho -> IntStream.rangeClosed(0,
                (int) Math.round(MOST_SPREAD / SPREAD_STEP)).mapToObj(i -> new double[] {rho, i * SPREAD_STEP}));
        Candidate coarse = best(grid, profile, targets, start);
        Stream<double[]> around = Stream.of(-1, 0, 1).flatMap(dr -> Stream.of(-1, 0, 1).map(ds -> new double[] {
                coarse.correlation() + dr * CORRELATION_STEP / 2, coarse.workSpread() + ds * SPREAD_STEP / 2}))
                .filter(p -> p[0] >= 0 && p[0] <= MOST_CORRELATION && p[1] >= 0 && p[1] <= MOST_SPREAD);
        Candidate fine = best(around, profile, targets, start);
        Candidate best = fine.miss() < coarse.miss() ? fine : coarse;
        Candidate chosen = best.miss() < start.miss() ? best : start;
        return new SpreadFit(chosen.correlation(), chosen.workSpread(), start.correlation(), start.miss(),
                chosen.miss());
    }

    private static DoubleStream correlations() {
        return DoubleStream.concat(IntStream.rangeClosed(0, (int) (MOST_CORRELATION / CORRELATION_STEP))
                .mapToDouble(i -> i * CORRELATION_STEP), DoubleStream.of(MOST_CORRELATION));
    }

    /** The candidate of least miss, the one nearer {@code start} on a tie. */
    private static Candidate best(Stream<double[]> pairs, CostProfile profile, List<Target> targets, Candidate start) {
        return pairs.map(p -> List.of(round(p[0]), round(p[1]))).distinct().toList().parallelStream()
                .map(p -> trial(profile, p.get(0), p.get(1), targets))
                .min(Comparator.comparingDouble(Candidate::miss)
                        .thenComparingDouble(c -> Math.abs(c.correlation() - start.correlation()))
                        .thenComparingDouble(c -> Math.abs(c.workSpread() - start.workSpread())))
                .orElseThrow();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The profile with the chosen ρ and work spread, its description saying how they were chosen. */
    public CostProfile applyTo(CostProfile profile) {
        String why = String.format(Locale.ROOT, " the round trips' spread chose a wake-up correlation of %.2f"
                + " (normal scores %.3f) and a work spread of %.3f (summed |ln simulated/measured| of p50 and p90"
                + " %.3f, with the scores' %.3f);", correlation, scoreCorrelation, workSpread, miss, missAtScore);
        return profile.withWakeupCorrelation(correlation).withWorkSpread(workSpread, why);
    }

    private static Candidate trial(CostProfile profile, double correlation, double workSpread, List<Target> targets) {
        CostProfile trial = profile.withWakeupCorrelation(correlation).withWorkSpread(workSpread, "");
        double miss = 0;
        for (Target target : targets) {
            LoadedScenario s = target.scenario();
            Workload workload = s.scenario().workload();
            LoadedScenario withTrial = new LoadedScenario(s.scenario().withWorkload(
                    workload.withRequests(Math.min(workload.requests(), TRIAL_ROUND_TRIPS))), s.source(), trial, s.modes());
            RunReport.Latency simulated = ModeRun.simulate(withTrial, withTrial.modes().get(0), 0).report().latencyUs();
            miss += Math.abs(Math.log(simulated.p50() / target.measuredUs().p50()))
                    + Math.abs(Math.log(simulated.p90() / target.measuredUs().p90()));
        }
        return new Candidate(correlation, workSpread, miss);
    }
}
