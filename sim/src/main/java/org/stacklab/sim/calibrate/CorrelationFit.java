package org.stacklab.sim.calibrate;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.workload.Workload;

/**
 * The wake-up correlation under which the calibrated model's round trips spread as the measured ones did.
 *
 * <p>The normal scores' correlation ({@link Calibration#wakeupCorrelation()}) says how a round trip's
 * wake-ups go together in the bulk. Whether their rare slow ones strike one round trip together (the
 * host slowing the VM for a while) or one wake-up each is the copula's tail, and a Gaussian copula ties
 * it to the same ρ: with a wake-up whose slowest 3 % form a hump, six of them drawn at a bulk ρ of 0.5
 * put the hump into a sixth of the round trips, where the measured sidecar put it into fewer than one
 * in ten (a model p90 twice the measured one, 2026-12-01). So ρ is chosen from the round trips
 * themselves: the one whose simulated p50 and p90 come closest to the measured ones, summed over the
 * modes calibrated on (|ln simulated ÷ measured| each), on a grid from 0 to {@value #MOST} in steps of
 * {@value #STEP} and then half a step either side of the best; on a tie, the one nearer the normal
 * scores' estimate, which stays unless a trial does better.
 *
 * @param correlation      the chosen ρ
 * @param scoreCorrelation the normal scores' estimate it started from
 * @param missAtScore      the summed miss with the normal scores' estimate
 * @param miss             the summed miss with the chosen ρ
 */
public record CorrelationFit(double correlation, double scoreCorrelation, double missAtScore, double miss) {

    /** A mode calibrated on: its scenario (workload, mode and placement; a fit sets its own profile in) and its measured round trips. */
    public record Target(LoadedScenario scenario, RunReport.Latency measuredUs) {
    }

    static final double STEP = 0.1;
    static final double MOST = 0.95;
    /** Round trips simulated per trial: p90 to within a few percent, and a grid of trials over several modes in seconds. */
    static final long TRIAL_ROUND_TRIPS = 5_000;

    private record Candidate(double correlation, double miss) {
    }

    /** The ρ under which {@code profile}'s round trips come closest to the targets' measured ones. */
    public static CorrelationFit of(CostProfile profile, List<Target> targets) {
        double start = profile.wakeupCorrelation();
        Candidate atScore = trial(profile, start, targets);
        DoubleStream grid = DoubleStream.concat(IntStream.rangeClosed(0, (int) (MOST / STEP)).mapToDouble(i -> i * STEP),
                DoubleStream.of(MOST));
        Candidate coarse = best(grid, profile, targets, start);
        Candidate fine = best(DoubleStream.of(coarse.correlation() - STEP / 2, coarse.correlation() + STEP / 2)
                .filter(rho -> rho >= 0 && rho <= MOST), profile, targets, start);
        Candidate best = fine != null && fine.miss() < coarse.miss() ? fine : coarse;
        return best.miss() < atScore.miss() ? new CorrelationFit(best.correlation(), start, atScore.miss(), best.miss())
                : new CorrelationFit(start, start, atScore.miss(), atScore.miss());
    }

    /** The candidate of least miss, the one nearer {@code start} on a tie; null if there is none. */
    private static Candidate best(DoubleStream correlations, CostProfile profile, List<Target> targets, double start) {
        return correlations.map(rho -> Math.round(rho * 1000) / 1000.0).distinct().boxed().parallel()
                .map(rho -> trial(profile, rho, targets))
                .min(Comparator.comparingDouble(Candidate::miss)
                        .thenComparingDouble(c -> Math.abs(c.correlation() - start)))
                .orElse(null);
    }

    /** The profile with the chosen ρ, its description saying how it was chosen. */
    public CostProfile applyTo(CostProfile profile) {
        String why = String.format(Locale.ROOT, " the round trips' spread chose a wake-up correlation of %.2f"
                + " (normal scores %.3f; summed |ln simulated/measured| of p50 and p90 %.3f, with the scores' %.3f);",
                correlation, scoreCorrelation, miss, missAtScore);
        return new CostProfile(profile.name(), profile.description() + why, profile.stages(), profile.contextFactors(),
                profile.contextStages(), correlation, profile.wakePlacement(), profile.perByteFactors(),
                profile.timers());
    }

    private static Candidate trial(CostProfile profile, double correlation, List<Target> targets) {
        CostProfile trial = profile.withWakeupCorrelation(correlation);
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
        return new Candidate(correlation, miss);
    }
}
