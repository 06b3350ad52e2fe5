package org.stacklab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.stacklab.sim.report.Crossings;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.Comparison;
import org.stacklab.sim.stack.CpuCategory;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.workload.Workload;

/** Aligned text tables of runs, one column per mode, for people at a terminal. */
final class ReportTable {

    private final List<String> header = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    private ReportTable(String corner, List<String> columns) {
        header.add(corner);
        header.addAll(columns);
    }

    /** The table of one or more runs of one scenario, with ratios when there is a baseline. */
    static String render(List<RunReport> runs, Comparison comparison) {
        RunReport first = runs.get(0);
        StringBuilder out = new StringBuilder();
        Workload w = first.workload();
        out.append(String.format(Locale.ROOT, "Scenario %s: %d requests, %s%n", first.scenario(), first.requests(),
                w.describe()));
        out.append(String.format(Locale.ROOT, "Profile %s, %d CPUs, seed %d%n%n", first.profile(), first.cpus(),
                first.seed()));

        ReportTable table = new ReportTable("", runs.stream().map(RunReport::mode).toList());
        table.section("latency (µs)");
        table.row("  p50", runs, r -> fmt(r.latencyUs().p50()));
        table.row("  p90", runs, r -> fmt(r.latencyUs().p90()));
        table.row("  p99", runs, r -> fmt(r.latencyUs().p99()));
        table.row("  p99.9", runs, r -> fmt(r.latencyUs().p999()));
        table.row("  max", runs, r -> fmt(r.latencyUs().max()));
        if (comparison != null && runs.size() > 1) {
            table.section("ratio to " + comparison.baseline());
            for (String p : List.of("p50", "p90", "p99")) {
                table.row("  " + p, runs, r -> String.format(Locale.ROOT, "%.2f×", comparison.ratios().get(r.mode()).get(p)));
            }
        }
        table.section("per request and its response");
        for (Crossings.Kind kind : Crossings.Kind.values()) {
            table.row("  " + kind.label(), runs, r -> fmt(r.crossingsPerRequest().of(kind)));
        }
        if (runs.stream().anyMatch(r -> r.handshakeTcpIpTripsPerRequest() > 0)) {
            table.row("  TCP/IP trips of handshakes", runs, r -> fmt(r.handshakeTcpIpTripsPerRequest()));
        }
        table.row("  context switches", runs, r -> fmt(r.contextSwitchesPerRequest()));
        for (CpuCategory category : CpuCategory.values()) {
            table.row("  CPU µs, " + category.label(), runs, r -> fmt(r.cpuPerRequestUs().us(category)));
        }
        table.row("throughput (requests/s)", runs, r -> fmt(r.requestsPerSecond()));
        table.row("throughput (Gbit/s of the apps' bytes)", runs, r -> fmt(r.throughputGbitPerSecond()));
        table.row("CPU s per GB moved", runs, r -> fmt(r.throughput().cpuSecondsPerGigabyte()));
        table.section("µs per request by segment (as the live probe times them)");
        for (Segment segment : Segment.values()) {
            table.row("  " + segment.label(), runs, r -> fmt(r.segmentsUsPerRequest().us(segment)));
        }
        table.section("where the time went (µs per request)");
        for (Stage stage : Stage.values()) {
            Map<String, String> cells = new LinkedHashMap<>();
            boolean any = false;
            for (RunReport r : runs) {
                String cell = "-";
                for (RunReport.StageShare share : r.stages()) {
                    if (share.stage() == stage) {
                        cell = fmt(share.usPerRequest());
                        any = true;
                    }
                }
                cells.put(r.mode(), cell);
            }
            if (any) {
                table.row("  " + stage.name(), runs, r -> cells.get(r.mode()));
            }
        }
        out.append(table);
        out.append(System.lineSeparator()).append("Paths (a response takes them in reverse):").append(System.lineSeparator());
        for (RunReport r : runs) {
            out.append("  ").append(r.mode()).append(": ").append(String.join("; ", r.path()))
                    .append(System.lineSeparator());
        }
        long inFlight = runs.stream().mapToLong(RunReport::inFlight).sum();
        if (inFlight > 0) {
            out.append("Note: ").append(inFlight).append(" requests were still in flight when the run stopped.")
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    private void section(String title) {
        List<String> row = new ArrayList<>();
        row.add(title);
        for (int i = 1; i < header.size(); i++) {
            row.add("");
        }
        rows.add(row);
    }

    private void row(String label, List<RunReport> runs, Function<RunReport, String> cell) {
        List<String> row = new ArrayList<>();
        row.add(label);
        runs.forEach(r -> row.add(cell.apply(r)));
        rows.add(row);
    }

    static String fmt(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.1f" : "%.2f", value);
    }

    @Override
    public String toString() {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder(pad(row.get(0), widths[0], false));
            for (int i = 1; i < row.size(); i++) {
                line.append("  ").append(pad(row.get(i), Math.max(widths[i], 8), true));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - text.length()));
        return right ? spaces + text : text + spaces;
    }
}
