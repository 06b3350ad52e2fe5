package org.stacklab.sim.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.report.RunReport;

/**
 * Several modes of one scenario side by side, with each mode's latency as a ratio to the
 * baseline's (the {@code direct} mode when present, else the first).
 *
 * @param schema   {@value #SCHEMA}
 * @param baseline the mode the ratios divide by
 * @param ratios   per mode: p50, p90 and p99 divided by the baseline's
 * @param runs     the reports, in the order the modes were given
 */
@JsonPropertyOrder({"schema", "baseline", "ratios", "runs"})
public record Comparison(String schema, String baseline, Map<String, Map<String, Double>> ratios,
                         List<RunReport> runs) {

    public static final String SCHEMA = "stacklab.compare/2";
    public static final String BASELINE = "direct";

    public static Comparison of(List<RunReport> runs) {
        RunReport base = runs.stream().filter(r -> r.mode().equals(BASELINE)).findFirst().orElse(runs.get(0));
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        for (RunReport run : runs) {
            Map<String, Double> ratio = new LinkedHashMap<>();
            ratio.put("p50", ratio(run.latencyUs().p50(), base.latencyUs().p50()));
            ratio.put("p90", ratio(run.latencyUs().p90(), base.latencyUs().p90()));
            ratio.put("p99", ratio(run.latencyUs().p99(), base.latencyUs().p99()));
            ratios.put(run.mode(), ratio);
        }
        return new Comparison(SCHEMA, base.mode(), ratios, new ArrayList<>(runs));
    }

    /** Simulates every mode of the scenario. */
    public static Comparison simulate(LoadedScenario loaded) {
        return of(loaded.modes().stream().map(mode -> ModeRun.simulate(loaded, mode, 0).report()).toList());
    }

    private static double ratio(double value, double base) {
        return base == 0 ? 0 : Math.round(value / base * 100) / 100.0;
    }
}
