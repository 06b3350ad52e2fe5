package org.stacklab.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.stacklab.probe.run.ThisHost;

/**
 * What one {@code stacklab bench} measured, as {@code --out} saves it ({@value #SCHEMA}): the runs' rates with the
 * machine, the time and the host's steal beside them, since figures from two sessions compare only so.
 *
 * @param subject           what ran: the ring shape, or a scenario and its mode
 * @param seconds           how long the runs took together
 * @param requestsPerSecond the scenario's requests per second (null for the ring shape)
 * @param hostStealPercent  of the CPUs' time, what the VM's host took meanwhile (null where /proc/stat is not read)
 */
record BenchResult(String schema, String measuredAt, Machine machine, String subject, double seconds,
                   Rates eventsPerSecond, @JsonInclude(JsonInclude.Include.NON_NULL) Rates requestsPerSecond,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Double hostStealPercent) {

    static final String SCHEMA = "stacklab.bench/1";

    static BenchResult now(String subject, double seconds, Rates eventsPerSecond, Rates requestsPerSecond,
                           Double hostStealPercent) {
        return new BenchResult(SCHEMA, Instant.now().toString(), Machine.here(), subject, seconds, eventsPerSecond,
                requestsPerSecond, hostStealPercent);
    }

    /** Each run's rate, and their median and range: one run to the next can differ by a quarter on a VM. */
    record Rates(double median, double slowest, double fastest, List<Double> runs) {

        static Rates of(List<Double> runs) {
            List<Double> sorted = runs.stream().sorted().toList();
            int n = sorted.size();
            double median = (sorted.get((n - 1) / 2) + sorted.get(n / 2)) / 2;
            return new Rates(median, sorted.get(0), sorted.get(n - 1), List.copyOf(runs));
        }

        /** For people: {@code 22,661,463 (median; 17,071,680 to 24,137,381)}. */
        String text() {
            return String.format(Locale.ROOT, "%,.0f (median; %,.0f to %,.0f)", median, slowest, fastest);
        }
    }

    /** The machine a bench ran on. */
    record Machine(String host, String kernel, String cpu, int cpus, String java) {

        static Machine here() {
            return new Machine(ThisHost.name(), ThisHost.kernel(), cpuModel(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        }

        /** The processor's name as Linux gives it, else the architecture. */
        private static String cpuModel() {
            try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
                return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst().orElse(System.getProperty("os.arch"));
            } catch (IOException | RuntimeException e) {
                return System.getProperty("os.arch");
            }
        }
    }
}
