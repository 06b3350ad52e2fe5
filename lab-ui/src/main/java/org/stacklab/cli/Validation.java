package org.stacklab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.stat.StatUtils;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.io.EnumNames;
import org.stacklab.sim.workload.Workload;

/**
 * Predictions of a calibrated model held to measurements of workloads it was not calibrated on: each
 * {@link Check} is one figure of one mode's workload under one CPU placement, predicted and measured.
 *
 * @param schema      {@value #SCHEMA}
 * @param calibration what the profile was fitted to
 * @param checks      every prediction beside its measurement
 */
record Validation(String schema, String calibration, List<Check> checks) {

    static final String SCHEMA = "stacklab.validation/1";

    /** What a check compares, and how far a prediction may be off: the bounds, never widened. */
    enum Figure {
        P50("p50, µs", 0.15), P90("p90, µs", 0.20), GBIT_PER_SECOND("Gbit/s", 0.15);

        private final String label;
        private final double bound;

        Figure(String label, double bound) {
            this.label = label;
            this.bound = bound;
        }

        String label() {
            return label;
        }

        /** The largest relative error within bounds. */
        double bound() {
            return bound;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return EnumNames.of(this);
        }
    }

    /**
     * One prediction beside its measurement.
     *
     * @param workload    the workload, for people ("4 connections", "open loop at 50 % of capacity", "stream 16 KiB")
     * @param roundsApart how far the rounds' own measurements of it lay apart: (largest − smallest) ÷ their
     *                    median; 0 for one round
     * @param hostStolen  the share of the CPUs' time the host took while it was measured (steal), the rounds'
     *                    median; null where not recorded
     */
    record Check(CpuPlacement placement, String mode, String workload, Figure figure, double predicted,
                 double measured, double roundsApart, Double hostStolen) {

        Check(CpuPlacement placement, String mode, String workload, Figure figure, double predicted,
              double measured, Double hostStolen) {
            this(placement, mode, workload, figure, predicted, measured, 0, hostStolen);
        }

        /** The prediction's relative error, + when it is too high. */
        double error() {
            return measured == 0 ? Double.POSITIVE_INFINITY : predicted / measured - 1;
        }

        boolean within() {
            return Math.abs(error()) <= figure.bound();
        }

        /**
         * Whether the measurement repeats to within the bound: when its rounds lie further apart than that,
         * the lab itself cannot be held to the bound, let alone a prediction of it.
         */
        boolean steady() {
            return roundsApart <= figure.bound();
        }
    }

    Validation {
        checks = List.copyOf(checks);
    }

    /**
     * A measurement's checks: a stream's throughput, else its p50 and p90 (a stream's messages are not
     * timed one by one, a request/response's throughput is its latency's inverse).
     */
    static List<Check> checksOf(LiveMeasurement m, CpuPlacement placement, String workload) {
        List<Check> checks = new ArrayList<>();
        if (m.workload().pattern() == Workload.Pattern.STREAM) {
            checks.add(new Check(placement, m.mode(), workload, Figure.GBIT_PER_SECOND,
                    m.simulatedThroughput().gbitPerSecond(), m.throughput().gbitPerSecond(), m.hostStolenShare()));
        } else {
            checks.add(new Check(placement, m.mode(), workload, Figure.P50, m.simulatedLatencyUs().p50(),
                    m.latencyUs().p50(), m.hostStolenShare()));
            checks.add(new Check(placement, m.mode(), workload, Figure.P90, m.simulatedLatencyUs().p90(),
                    m.latencyUs().p90(), m.hostStolenShare()));
        }
        return checks;
    }

    /**
     * Rounds of the same checks in the same order, as one: each check's median prediction and median
     * measurement (a VM's runs drift; the median of a few holds still), and how far the rounds' measurements
     * lay apart.
     */
    static List<Check> medians(List<List<Check>> rounds) {
        List<Check> combined = new ArrayList<>();
        for (int i = 0; i < rounds.get(0).size(); i++) {
            int at = i;
            Check first = rounds.get(0).get(i);
            double[] measured = rounds.stream().mapToDouble(r -> r.get(at).measured()).toArray();
            double median = StatUtils.percentile(measured, 50);
            double[] stolen = rounds.stream().map(r -> r.get(at).hostStolen()).filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue).toArray();
            combined.add(new Check(first.placement(), first.mode(), first.workload(), first.figure(),
                    StatUtils.percentile(rounds.stream().mapToDouble(r -> r.get(at).predicted()).toArray(), 50),
                    median, median == 0 ? 0 : (StatUtils.max(measured) - StatUtils.min(measured)) / median,
                    stolen.length == 0 ? null : StatUtils.percentile(stolen, 50)));
        }
        return combined;
    }

    long withinBounds() {
        return checks.stream().filter(Check::within).count();
    }

    long unsteady() {
        return checks.stream().filter(c -> !c.steady()).count();
    }

    /**
     * The checks as a table: predicted, measured, the error, whether it is within its bound, the host's steal
     * while it was measured, and how far the rounds' measurements lay apart (marked where further than the bound).
     */
    String table() {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "%-10s %-16s %-32s %-8s %11s %11s %8s %7s %6s  %s%n", "placement", "mode", "workload", "figure",
                "predicted", "measured", "error", "within", "steal", "rounds apart"));
        for (Check c : checks) {
            t.append(String.format(Locale.ROOT, "%-10s %-16s %-32s %-8s %11s %11s %+7.1f%% %7s %6s  %5.0f %%%s%n",
                    c.placement(), c.mode(), c.workload(), c.figure().label().replace(", µs", ""),
                    ReportTable.fmt(c.predicted()), ReportTable.fmt(c.measured()), 100 * c.error(),
                    c.within() ? "yes" : String.format(Locale.ROOT, "NO ±%.0f", 100 * c.figure().bound()),
                    c.hostStolen() == null ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * c.hostStolen()),
                    100 * c.roundsApart(), c.steady() ? "" : " unsteady"));
        }
        t.append(String.format(Locale.ROOT, "%d of %d predictions within their bounds (p50 and Gbit/s ±15 %%, p90"
                + " ±20 %%)%n", withinBounds(), checks.size()));
        if (unsteady() > 0) {
            t.append(String.format(Locale.ROOT, "%d of the %d figures were unsteady: their rounds' measurements lay"
                    + " further apart than the bound, so on this machine no prediction can be held to it%n",
                    unsteady(), checks.size()));
        }
        return t.toString();
    }
}
