package org.stacklab.ui;

import java.util.Optional;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.Recording;

/** Where a pane's trace comes from: the simulator on a scenario, or a measurement from a recording. */
sealed interface PaneSource {

    /** One line for the pane: "simulated: default, seed 1", "measured on vm, 2026-12-01 10:07 UTC". */
    String description();

    /** The measurement replayed, if the trace is measured. */
    default Optional<LiveMeasurement> measurement() {
        return Optional.empty();
    }

    record Simulated(String scenario, long seed) implements PaneSource {
        @Override
        public String description() {
            return "simulated: " + scenario + ", seed " + seed;
        }
    }

    record Measured(LiveMeasurement replayed, String host, String recordedAt) implements PaneSource {
        static Measured of(LiveMeasurement m, Recording recording) {
            return new Measured(m, recording.host(), recording.recordedAt());
        }

        @Override
        public String description() {
            return "measured on " + host + ", " + toTheMinute(recordedAt) + (replayed.workload() == null ? ""
                    : ": " + replayed.workload().describe());
        }

        @Override
        public Optional<LiveMeasurement> measurement() {
            return Optional.of(replayed);
        }

        /** A recording's instant as people read it ({@code 2026-12-01 18:02 UTC}); as written if it is not one. */
        static String toTheMinute(String recordedAt) {
            try {
                return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT)
                        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.parse(recordedAt));
            } catch (java.time.format.DateTimeParseException | NullPointerException e) {
                return String.valueOf(recordedAt);
            }
        }
    }
}
