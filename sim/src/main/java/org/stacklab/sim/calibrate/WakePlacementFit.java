package org.stacklab.sim.calibrate;

import java.util.List;
import java.util.Locale;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.cost.WakePlacement;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.report.SegmentTimes;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.stack.Segment;

/**
 * The profile's {@link WakePlacement}, fitted to recordings made under placements that tell its
 * parts apart: a same-CPU recording, whose every message stays on one CPU, gives the warm-cache factor
 * (its segments outside the wake-ups against the model's of the same modes apart) and then, its every
 * wake-up running on a busy CPU (the waker's, after it), the busy-CPU factor, the one under which the
 * model's p50 meets the measured one (bisection: the p50 grows with the factor); a recording left to the
 * scheduler gives the affinity, as the share of its wake-ups that returned on the waker's CPU. A part no
 * recording tells stays as it was.
 *
 * @param placement the fitted placement
 * @param why       what it was fitted from, for the profile's description
 */
public record WakePlacementFit(WakePlacement placement, String why) {

    /** Bisection steps: the factor to within a thousandth of its range. */
    private static final int STEPS = 10;
    private static final double SMALLEST_FACTOR = 0.02;
    /** The segments of work, as against waiting: what a warm cache makes cheaper. */
    private static final List<Segment> WORK = List.of(Segment.APP, Segment.PROXY, Segment.SEND, Segment.DEVICE,
            Segment.RECEIVE);

    /**
     * @param sameCpu       measured modes recorded with every process on one CPU (their scenarios so placed)
     * @param sameCpuSegments each same-CPU mode's measured segments, in the same order
     * @param wakersCpuShares the share of wake-ups on the waker's CPU of each mode recorded under the scheduler
     */
    public static WakePlacementFit of(CostProfile profile, List<SpreadFit.Target> sameCpu,
                                      List<SegmentTimes> sameCpuSegments, List<Double> wakersCpuShares) {
        WakePlacement before = profile.wakePlacement();
        double affinity = before.affinity();
        double factor = before.busyCpuFactor();
        double warm = before.sameCpuFactor();
        StringBuilder why = new StringBuilder();
        if (!sameCpu.isEmpty()) {
            double measured = 0;
            double apart = 0;
            for (int i = 0; i < sameCpu.size(); i++) {
                LoadedScenario s = sameCpu.get(i).scenario();
                LoadedScenario spread = new LoadedScenario(s.scenario().withPlacement(CpuPlacement.SPREAD), s.source(),
                        profile, s.modes());
                SegmentTimes model = ModeRun.simulate(spread, spread.modes().get(0), 0).report().segmentsUsPerRequest();
                for (Segment segment : WORK) {
                    measured += sameCpuSegments.get(i).us(segment);
                    apart += model.us(segment);
                }
            }
            if (apart > 0 && measured > 0) {
                warm = round(Math.max(SMALLEST_FACTOR, Math.min(2, measured / apart)));
                why.append(String.format(Locale.ROOT, " a step on the CPU that handled its message last costs %.3f"
                        + " of its figure (%d modes' segments on one CPU against the model's apart);", warm,
                        sameCpu.size()));
            }
        }
        if (!wakersCpuShares.isEmpty()) {
            affinity = round(wakersCpuShares.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            why.append(String.format(Locale.ROOT, " wake-ups beside their waker under the scheduler: %.3f (the mean"
                    + " share on the waker's CPU of %d modes left to it);", affinity, wakersCpuShares.size()));
        }
        if (!sameCpu.isEmpty()) {
            double low = SMALLEST_FACTOR;
            double high = 1;
            for (int step = 0; step < STEPS; step++) {
                double mid = (low + high) / 2;
                WakePlacement trial = new WakePlacement(affinity, mid, warm, before.haltPolling(),
                        before.crossBusyFactor());
                if (medianMiss(profile, trial, sameCpu) > 0) {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            factor = round((low + high) / 2);
            why.append(String.format(Locale.ROOT, " a switch onto a busy CPU costs %.3f of one that wakes an idle CPU"
                    + " (fitted to the p50 of %d modes recorded on one CPU);", factor, sameCpu.size()));
        }
        return new WakePlacementFit(new WakePlacement(affinity, factor, warm, before.haltPolling(),
                before.crossBusyFactor()), why.toString());
    }

    /** The profile with the fitted placement. */
    public CostProfile applyTo(CostProfile profile) {
        return why.isEmpty() ? profile : profile.withWakePlacement(placement, why);
    }

    /** Summed log ratio of simulated to measured p50: above 0, the model is slower. */
    private static double medianMiss(CostProfile profile, WakePlacement trial, List<SpreadFit.Target> targets) {
        CostProfile withTrial = profile.withWakePlacement(trial, "");
        double miss = 0;
        for (SpreadFit.Target target : targets) {
            LoadedScenario s = target.scenario();
            LoadedScenario placed = new LoadedScenario(s.scenario(), s.source(), withTrial, s.modes());
            miss += Math.log(ModeRun.simulate(placed, placed.modes().get(0), 0).report().latencyUs().p50()
                    / target.measuredUs().p50());
        }
        return miss;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
