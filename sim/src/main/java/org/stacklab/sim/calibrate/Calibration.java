package org.stacklab.sim.calibrate;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stacklab.sim.cost.CostDistribution;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.cost.StageCost;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;

/**
 * A cost profile fitted to measurements. The live probe times {@link Segment}s, not single
 * stages; so each segment's measured time per request, summed over the measured modes, is set
 * against the base profile's simulated time for the same modes and workloads, and every stage of
 * the segment is scaled by that factor, keeping the base profile's split within the segment. The
 * user segment is split in two: the applications' stages (from the modes without proxies) and
 * {@link Stage#PROXY} (what the proxied modes spend beyond that). Where the probe's visits of a
 * segment give enough samples, the dominant stage's shape is fitted to them as well.
 */
public final class Calibration {

    /** One measured mode: its segments' µs per request, measured and simulated with the base profile. */
    public record Observation(String mode, boolean hasProxies, Map<String, Double> measuredUs,
                              Map<String, Double> simulatedUs) {
    }

    /**
     * A segment's calibration.
     *
     * @param measuredUs  µs per request measured, summed over the modes
     * @param simulatedUs µs per request the base profile gave, summed over the same modes
     * @param factor      measured ÷ simulated
     */
    public record SegmentFit(double measuredUs, double simulatedUs, double factor) {
    }

    private static final Map<Segment, List<Stage>> STAGES = Map.of(
            Segment.SEND, List.of(Stage.SOCK_SEND, Stage.TCP_OUT, Stage.IP_OUT, Stage.NF_OUTPUT, Stage.NF_POSTROUTING,
                    Stage.SK_MSG_REDIRECT),
            Segment.DEVICE, List.of(Stage.DEV_XMIT, Stage.NET_RX, Stage.IP_FORWARD, Stage.NF_FORWARD),
            Segment.RECEIVE, List.of(Stage.NF_PREROUTING, Stage.IP_RCV, Stage.NF_INPUT, Stage.TCP_RCV),
            Segment.WAKEUP, List.of(Stage.WAKEUP, Stage.CTX_SWITCH, Stage.SOCK_RECV),
            Segment.USER, List.of(Stage.APP_SEND, Stage.APP_RECV));

    private final Map<Segment, SegmentFit> fits = new EnumMap<>(Segment.class);
    private SegmentFit proxyFit;

    private Calibration() {
    }

    /** Calibrates from the observations; a segment no observation measured keeps the base's costs. */
    public static Calibration of(List<Observation> observations) {
        Calibration c = new Calibration();
        for (Segment segment : Segment.values()) {
            List<Observation> sources = segment == Segment.USER
                    ? observations.stream().filter(o -> !o.hasProxies()).toList() : observations;
            double measured = sources.stream().mapToDouble(o -> o.measuredUs().getOrDefault(segment.key(), 0.0)).sum();
            double simulated = sources.stream().mapToDouble(o -> o.simulatedUs().getOrDefault(segment.key(), 0.0)).sum();
            if (measured > 0 && simulated > 0) {
                c.fits.put(segment, new SegmentFit(round(measured), round(simulated), round(measured / simulated)));
            }
        }
        double appFactor = c.fits.containsKey(Segment.USER) ? c.fits.get(Segment.USER).factor() : 1;
        List<Observation> proxied = observations.stream().filter(Observation::hasProxies).toList();
        double measured = proxied.stream().mapToDouble(o -> o.measuredUs().getOrDefault("user", 0.0)).sum();
        double simulated = proxied.stream().mapToDouble(o -> o.simulatedUs().getOrDefault("user", 0.0)).sum();
        double appShare = proxied.isEmpty() ? 0 : observations.stream().filter(o -> !o.hasProxies())
                .mapToDouble(o -> o.simulatedUs().getOrDefault("user", 0.0)).average().orElse(0) * proxied.size();
        if (measured > 0 && simulated - appShare > 0) {
            double proxyMeasured = Math.max(0, measured - appShare * appFactor);
            c.proxyFit = new SegmentFit(round(proxyMeasured), round(simulated - appShare),
                    round(proxyMeasured / (simulated - appShare)));
        }
        return c;
    }

    /** The proxies' own fit, if proxied modes were measured. */
    public SegmentFit proxy() {
        return proxyFit;
    }

    /**
     * The calibrated profile: the base's stages scaled by their segment's factor, and the shapes
     * fitted to measured visits where given.
     *
     * @param shapes fits of measured visits, by the stage whose shape they set
     */
    public CostProfile apply(CostProfile base, String name, String recordings, Map<Stage, DistributionFit> shapes) {
        Map<Stage, StageCost> stages = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            StageCost cost = base.cost(stage);
            double factor = 1;
            String why = "unchanged from " + base.name() + " (not measured): " + cost.source();
            SegmentFit fit = stage == Stage.PROXY ? proxyFit : fits.get(segmentOf(stage));
            if (fit != null) {
                factor = fit.factor();
                why = String.format(Locale.ROOT, "%s x %.3f: %s measured %.2f us vs %.2f us simulated (%s)", base.name(),
                        factor, stage == Stage.PROXY ? "proxy time" : segmentOf(stage).key() + " segment",
                        fit.measuredUs(), fit.simulatedUs(), recordings);
            }
            CostDistribution d = scaled(cost.base(), factor);
            DistributionFit shape = shapes.get(stage);
            if (shape != null) {
                d = withShape(d, shape.distribution());
                why += String.format(Locale.ROOT, "; shape %s %.3f fitted to %d visits (KS D %.3f)",
                        d.family(), d.shape(), shape.samples(), shape.ksDistance());
            }
            stages.put(stage, new StageCost(d, cost.perByteNs() * factor, cost.perRuleNs() * factor, why));
        }
        return new CostProfile(name, "calibrated from " + recordings + " on top of " + base.name(), stages);
    }

    /** The segment a stage's time is measured in. */
    public static Segment segmentOf(Stage stage) {
        for (Map.Entry<Segment, List<Stage>> e : STAGES.entrySet()) {
            if (e.getValue().contains(stage)) {
                return e.getKey();
            }
        }
        return Segment.USER; // PROXY
    }

    private static CostDistribution scaled(CostDistribution d, double factor) {
        return new CostDistribution(d.family(), d.medianNs() * factor, d.meanNs() * factor, d.shape());
    }

    /** The fitted family and shape, at the scaled distribution's mean. */
    private static CostDistribution withShape(CostDistribution scaled, CostDistribution fitted) {
        double mean = scaled.mean();
        if (fitted.family().equals(CostDistribution.GAMMA)) {
            return new CostDistribution(CostDistribution.GAMMA, 0, mean, fitted.shape());
        }
        double sigma = fitted.shape();
        return CostDistribution.lognormal(mean / Math.exp(sigma * sigma / 2), sigma);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The segments' fits as a map for reports. */
    public Map<String, SegmentFit> report() {
        Map<String, SegmentFit> out = new LinkedHashMap<>();
        fits.forEach((segment, fit) -> out.put(segment.key(), fit));
        if (proxyFit != null) {
            out.put("proxy", proxyFit);
        }
        return out;
    }
}
