package org.stacklab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.Recording;
import org.stacklab.sim.run.Sweep;
import org.stacklab.sim.workload.Workload;

/**
 * The curves a recording holds when it measured a mode at several workloads (made by {@code sweep --live
 * --out} or {@code probe run --sizes}): one figure against the workloads, measured and modelled, per mode.
 * A stream's figure is its throughput; a request/response's, its p50.
 *
 * @param figure    what the y axis shows ("p50, µs" or "Gbit/s")
 * @param factor    what the x axis counts ("connections", "bytes", "requests/s"), or "workload"
 * @param workloads the x axis: each workload by the factor's value ("4", "16,384"), else in full
 * @param curves    per mode, a point per workload it was measured at: {x index, measured, model}
 */
record RecordedSweep(String figure, String factor, List<String> workloads, Map<String, List<double[]>> curves) {

    /** The recording's sweep, if some mode was measured at more than one workload. */
    static Optional<RecordedSweep> of(Recording recording) {
        List<LiveMeasurement> ms = recording.measurements();
        Map<String, List<LiveMeasurement>> byMode = new LinkedHashMap<>();
        ms.forEach(m -> byMode.computeIfAbsent(m.mode(), k -> new ArrayList<>()).add(m));
        if (byMode.values().stream().noneMatch(list -> list.size() > 1)) {
            return Optional.empty();
        }
        boolean stream = workloadOf(ms.get(0)).pattern() == Workload.Pattern.STREAM;
        List<Workload> all = ms.stream().map(RecordedSweep::workloadOf).toList();
        Sweep.Factor factor = varied(all);
        java.util.function.Function<Workload, String> label = factor == null ? Workload::describe
                : w -> Sweep.label(valueOf(factor, w));
        List<String> labels = new ArrayList<>();
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        byMode.forEach((mode, list) -> {
            List<double[]> points = new ArrayList<>();
            for (LiveMeasurement m : list) {
                String x = label.apply(workloadOf(m));
                if (!labels.contains(x)) {
                    labels.add(x);
                }
                points.add(stream
                        ? new double[] {labels.indexOf(x), gbit(m.throughput()), gbit(m.simulatedThroughput())}
                        : new double[] {labels.indexOf(x), m.latencyUs().p50(), m.simulatedLatencyUs().p50()});
            }
            curves.put(mode, points);
        });
        return Optional.of(new RecordedSweep(stream ? "Gbit/s" : "p50, µs", factor == null ? "workload"
                : factor.unit(), labels, curves));
    }

    private static double gbit(org.stacklab.sim.report.Throughput t) {
        return t == null ? 0 : t.gbitPerSecond();
    }

    private static Workload workloadOf(LiveMeasurement m) {
        return m.workload(Workload.pingPong(m.roundTrips(), Math.max(1, m.messageBytes())));
    }

    /** The factor that varies among a sweep's workloads, or null if none alone does. */
    private static Sweep.Factor varied(List<Workload> all) {
        for (Sweep.Factor factor : Sweep.Factor.values()) {
            if (!factor.variesTheMode() && all.stream().map(w -> valueOf(factor, w)).distinct().count() > 1) {
                return factor;
            }
        }
        return null;
    }

    private static double valueOf(Sweep.Factor factor, Workload w) {
        return switch (factor) {
            case CONNECTIONS -> w.connections();
            case RATE -> w.ratePerSecond();
            case SIZE -> w.requestBytes();
            case SERVICES -> throw new IllegalArgumentException("a recording's workloads do not hold the cluster's services");
        };
    }
}
