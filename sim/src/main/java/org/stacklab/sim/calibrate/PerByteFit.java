package org.stacklab.sim.calibrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.report.SegmentTimes;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.workload.Workload;

/**
 * What a byte costs in each cost context, from ping-pongs of one mode at several message sizes: the
 * slope of a segment's measured time against the message size is its copies' cost per byte, set
 * against the profile's per-byte costs of the stages in that segment. A context is fitted from a mode
 * in which it is the only one with copies in its segment (as {@link Calibration} fits its factors);
 * one never alone keeps the context's factor. On the lab VM a redirected reader's copy out cost about
 * three times a TCP reader's, which ping-pong at 64 bytes cannot show and a stream of large messages
 * depends on.
 *
 * @param factors per-byte factors by cost context
 * @param report  each fitted context's measured and profiled cost per byte (ns), and the mode it came from
 */
public record PerByteFit(Map<String, Double> factors, Map<String, String> report) {

    /**
     * A mode's ping-pong at one message size (each way), as the probe timed its segments.
     *
     * @param medianWakeupsUs the round trip's wake-ups (and copies out) as the sum of each one's median, µs,
     *                        or a negative number if not recorded: the copy of 16 KiB is a few µs, the mean
     *                        wake-up moves by more than that with the VM's stalls, its median far less
     */
    public record Sized(Mode mode, int bytes, SegmentTimes measuredUs, double medianWakeupsUs) {

        /** A segment's time for the fit: the wake-ups' by their medians where known. */
        double us(Segment segment) {
            return segment == Segment.WAKEUP && medianWakeupsUs >= 0 ? medianWakeupsUs : measuredUs.us(segment);
        }

        /** The sum of each wake-up position's median, µs, or -1 without wake-ups. */
        public static double medianWakeupsUs(List<List<Long>> wakeupsNs) {
            if (wakeupsNs == null || wakeupsNs.isEmpty()) {
                return -1;
            }
            double sum = 0;
            for (List<Long> position : wakeupsNs) {
                if (position.isEmpty()) {
                    return -1;
                }
                long[] sorted = position.stream().mapToLong(Long::longValue).sorted().toArray();
                sum += sorted[sorted.length / 2];
            }
            return sum / 1000;
        }
    }

    private static final double SMALLEST = 0.05;
    private static final double LARGEST = 50;

    /**
     * @param profile the profile whose per-byte costs the slopes are set against
     * @param sized   measurements; a mode with fewer than two sizes says nothing about bytes
     */
    public static PerByteFit of(CostProfile profile, List<Sized> sized) {
        Map<String, List<Sized>> byMode = new LinkedHashMap<>();
        sized.forEach(s -> byMode.computeIfAbsent(s.mode().name(), m -> new ArrayList<>()).add(s));
        Map<String, Double> factors = new TreeMap<>();
        Map<String, String> report = new TreeMap<>();
        for (List<Sized> one : byMode.values()) {
            if (one.stream().mapToInt(Sized::bytes).distinct().count() < 2) {
                continue;
            }
            Mode mode = one.get(0).mode();
            int largest = one.stream().mapToInt(Sized::bytes).max().orElseThrow();
            PathProgram program = PathProgram.of(mode, Workload.pingPong(1, largest));
            for (Segment segment : Segment.values()) {
                Map<String, Double> perByteNs = new TreeMap<>(); // of the segment's contexts, per byte of message
                program.scripts().forEach(script -> script.steps().forEach(step -> {
                    double ns = profile.cost(step.stage()).perByteNs() * step.bytes() / largest;
                    if (step.segment() == segment && ns > 0) {
                        perByteNs.merge(step.costContext(), ns, Double::sum);
                    }
                }));
                if (perByteNs.size() != 1) {
                    continue;
                }
                String context = perByteNs.keySet().iterator().next();
                double slopeNs = 1000 * slope(one, segment);
                if (factors.containsKey(context) || slopeNs <= 0) {
                    continue; // fitted already, or the sizes' noise hid the copies
                }
                double factor = Math.max(SMALLEST, Math.min(LARGEST, slopeNs / perByteNs.get(context)));
                factors.put(context, Math.round(factor * 1000) / 1000.0);
                report.put(context, String.format(Locale.ROOT, "%.3f ns/B measured, %.3f profiled (%s)", slopeNs,
                        perByteNs.get(context), mode.name()));
            }
        }
        return new PerByteFit(factors, report);
    }

    /** The profile with the fitted factors, its description saying so. */
    public CostProfile applyTo(CostProfile profile) {
        if (factors.isEmpty()) {
            return profile;
        }
        return profile.withPerByteFactors(factors, " per-byte costs fitted to ping-pongs at several sizes: " + report
                + ";");
    }

    /** Least squares: µs of the segment per byte of message size. */
    private static double slope(List<Sized> points, Segment segment) {
        double n = points.size();
        double mx = points.stream().mapToDouble(Sized::bytes).sum() / n;
        double my = points.stream().mapToDouble(p -> p.us(segment)).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (Sized p : points) {
            sxy += (p.bytes() - mx) * (p.us(segment) - my);
            sxx += (p.bytes() - mx) * (p.bytes() - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
