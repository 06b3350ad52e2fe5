package org.stacklab.sim.calibrate;

import java.util.List;
import java.util.Locale;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.cost.HaltPolling;

/**
 * The profile's {@link HaltPolling}, from ping-pongs recorded with the processes apart, whose every wake-up
 * woke an idle CPU. Their wake-ups, pooled, have a quick hump and (on a VM) a slow one: the slow hump begins at
 * the first quarter-octave past the commonest one that holds under 1 % of its count. One after another in each
 * round trip, and from one kept trip to the next, a wake-up after a quick one found its CPU idle briefly (a quick
 * wake-up's trip leaves it idle for tens of µs), one after a slow one idle past the window (the slow wake-up's
 * own hundreds of µs): the shares slow after each are the shares within and beyond the window. The window itself
 * is no ping-pong's to tell — it lies between those two idle times whatever it is — so it is the one measured on
 * the lab VM by keeping a vCPU idle on purpose ({@link #WINDOW_NS}).
 *
 * @param polling the fitted halt polling, or null where the wake-ups show no slow hump to place
 * @param why     what it was fitted from, for the profile's description
 */
public record HaltPollingFit(HaltPolling polling, String why) {

    /**
     * How long a halted vCPU of the lab VM stays quick to wake: where {@code stacklab probe idle-wake} (a ping-pong
     * whose server works a set time before each answer, its client's CPU idle as long) began to turn slow. In
     * three runs on 2026-12-02 (about 16:05, 16:07 and 16:25 UTC) its round trips were slow 1–18 % of the time up
     * to 100 µs of idleness, 14–30 % at 150 µs, 45–74 % at 200 µs and 51–91 % from 300 µs (the README's Calibration
     * section).
     */
    static final double WINDOW_NS = 150_000;
    /** Slow wake-ups after a slow one (a run of them) needed to tell the share beyond the window. */
    static final int FEWEST_AFTER_SLOW = 20;
    private static final double BINS_PER_OCTAVE = 4;
    private static final double HUMP_END = 0.01;

    /** @param wakeupsNs per measurement, its wake-ups in ns by position in the round trip, then by kept trip */
    public static HaltPollingFit of(List<List<List<Long>>> wakeupsNs) {
        double slowNs = slowHumpStart(wakeupsNs);
        if (Double.isNaN(slowNs)) {
            return new HaltPollingFit(null, "");
        }
        long afterQuick = 0;
        long slowAfterQuick = 0;
        long afterSlow = 0;
        long slowAfterSlow = 0;
        for (List<List<Long>> byPosition : wakeupsNs) {
            int trips = byPosition.isEmpty() ? 0 : byPosition.get(0).size();
            long previous = -1;
            for (int trip = 0; trip < trips; trip++) {
                for (List<Long> position : byPosition) {
                    long ns = position.get(trip);
                    if (previous >= 0) {
                        boolean slow = ns >= slowNs;
                        if (previous >= slowNs) {
                            afterSlow++;
                            slowAfterSlow += slow ? 1 : 0;
                        } else {
                            afterQuick++;
                            slowAfterQuick += slow ? 1 : 0;
                        }
                    }
                    previous = ns;
                }
            }
        }
        if (slowAfterSlow < FEWEST_AFTER_SLOW || afterQuick == 0) {
            return new HaltPollingFit(null, "");
        }
        HaltPolling polling = new HaltPolling(WINDOW_NS, Math.round(slowNs),
                round((double) slowAfterQuick / afterQuick), round((double) slowAfterSlow / afterSlow));
        return new HaltPollingFit(polling, String.format(Locale.ROOT, " wake-ups onto an idle CPU slow (from %.0f µs)"
                + " %.3f of the time after a quick one and %.3f after a slow one (%,d and %,d wake-ups apart), taken as"
                + " within and beyond a halt-polling window of %.0f µs;", slowNs / 1e3, polling.slowWithin(),
                polling.slowBeyond(), afterQuick, afterSlow, WINDOW_NS / 1e3));
    }

    /** The profile with this halt polling (unchanged where there is none). */
    public CostProfile applyTo(CostProfile profile) {
        return polling == null ? profile
                : profile.withWakePlacement(profile.wakePlacement().withHaltPolling(polling), why);
    }

    /** Where the slow hump begins, ns; NaN if the quick hump's density never falls under 1 % of its peak. */
    private static double slowHumpStart(List<List<List<Long>>> wakeupsNs) {
        int[] bins = new int[64 * (int) BINS_PER_OCTAVE];
        wakeupsNs.stream().flatMap(List::stream).flatMap(List::stream)
                .forEach(ns -> bins[bin(ns)]++);
        int mode = 0;
        for (int b = 1; b < bins.length; b++) {
            if (bins[b] > bins[mode]) {
                mode = b;
            }
        }
        for (int b = mode + 1; b < bins.length; b++) {
            if (bins[b] < HUMP_END * bins[mode]) {
                boolean slowHumpBeyond = false;
                for (int c = b + 1; c < bins.length; c++) {
                    slowHumpBeyond |= bins[c] > 0;
                }
                return slowHumpBeyond ? Math.pow(2, b / BINS_PER_OCTAVE) : Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static int bin(long ns) {
        return (int) Math.floor(Math.log(Math.max(1, ns)) / Math.log(2) * BINS_PER_OCTAVE);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
