package org.stacklab.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.report.SegmentTimes;

/**
 * What the charts under the panes show of one pane, whether simulated or measured.
 *
 * @param label    the pane's name in the charts ("sidecar", "sidecar (measured)")
 * @param cdf      [percentile, µs] points of its latency distribution
 * @param segments µs per request in each segment (none, all 0, for a measurement without the path probe)
 * @param summary  one line of CPU and switches (simulated) or of the source (measured)
 */
record ChartData(String mode, boolean measuredHere, String label, List<double[]> cdf, SegmentTimes segments,
                 String summary) {

    static ChartData simulated(RunReport r) {
        return new ChartData(r.mode(), false, r.mode(), r.latencyCdfUs(), r.segmentsUsPerRequest(),
                String.format(Locale.ROOT, "%s: CPU per request %.1f µs (apps %.1f, kernel %.1f, proxies %.1f),"
                                + " %.1f context switches per request.", r.mode(),
                        r.cpuPerRequestUs().total(), r.cpuPerRequestUs().user(), r.cpuPerRequestUs().kernel(),
                        r.cpuPerRequestUs().proxy(), r.contextSwitchesPerRequest()));
    }

    /** The same, named after its pane too: two panes may show the same thing. */
    ChartData onSide(String side) {
        return new ChartData(mode, measuredHere, label + " (" + side + ")", cdf, segments, summary);
    }

    /** A measurement's percentiles are all its CDF has: p0 is its fastest round trip's bound, p50 … max. */
    static ChartData measured(LiveMeasurement m) {
        RunReport.Latency l = m.latencyUs();
        return new ChartData(m.mode(), true, m.mode() + " (measured)",
                List.of(new double[] {50, l.p50()}, new double[] {90, l.p90()}, new double[] {99, l.p99()},
                        new double[] {99.9, l.p999()}, new double[] {100, l.max()}),
                m.measuredSegmentsUs() == null ? SegmentTimes.of(Map.of()) : m.measuredSegmentsUs(),
                String.format(Locale.ROOT, "%s: measured, %d round trips, crossings %s.%s", m.mode(), m.roundTrips(),
                        crossings(m), m.wakeupsOnWakersCpu() == null ? "" : String.format(Locale.ROOT,
                                " %.0f %% of wake-ups on the waker's CPU.", 100 * m.wakeupsOnWakersCpu())));
    }

    private static String crossings(LiveMeasurement m) {
        if (m.measured() == null) {
            return "not counted";
        }
        if (m.droppedEvents() > 0) {
            return String.format(Locale.ROOT, "incomplete (the probe lost %,d events)", m.droppedEvents());
        }
        if (Boolean.FALSE.equals(m.messagesCrossWhole())) {
            return "not comparable (proxies split or merge messages under this load)";
        }
        return m.countsAgree() ? "as the model says" : "NOT as the model says";
    }
}
