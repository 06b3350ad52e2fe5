package org.stacklab.cli;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.stacklab.probe.run.LiveMeasurement;
import org.stacklab.probe.run.Recording;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.scenario.YamlFiles;

/**
 * What {@code validate} measured, every round of it, without what the model made of it: saved so that the
 * same measurements can be predicted again by another build or profile ({@code validate --from}), with no
 * root and nothing measured — one model held to another on the same data, where the VM's drift from hour
 * to hour would otherwise hide the difference.
 *
 * @param schema      {@value #SCHEMA}
 * @param recordedAt  when the last round ended (ISO-8601)
 * @param modes       the modes measured, as {@code --modes} named them
 * @param requests    the requests of each ping-pong and closed loop
 * @param rounds      each round's calibration ping-pongs and the workloads predicted from them
 */
record ValidationMeasurements(String schema, String recordedAt, List<String> modes, long requests,
                              List<Round> rounds) {

    static final String SCHEMA = "stacklab.validation-measurements/1";
    /** Ping-pongs hold every wake-up: a round at the most requests takes some tens of MiB. */
    private static final long MAX_BYTES = 1L << 30;

    /**
     * One round: the ping-pongs one profile is calibrated on, one recording a placement, and the workloads it
     * predicts.
     */
    record Round(List<Recording> pingPongs, List<Unseen> unseen) {
        @JsonCreator
        Round(@JsonProperty(value = "pingPongs", required = true) List<Recording> pingPongs,
              @JsonProperty(value = "unseen", required = true) List<Unseen> unseen) {
            this.pingPongs = List.copyOf(pingPongs);
            this.unseen = List.copyOf(unseen);
            InvalidValue.require(!this.pingPongs.isEmpty(), "pingPongs", "a round needs the ping-pongs it calibrates on");
            for (int i = 0; i < this.pingPongs.size(); i++) {
                InvalidValue.require(!this.pingPongs.get(i).measurements().isEmpty(), "pingPongs[" + i + "].measurements",
                        "a ping-pong recording needs its measurements");
            }
        }

        /** The placement each ping-pong recording was measured under, in their order. */
        List<CpuPlacement> placements() {
            return pingPongs.stream().map(r -> r.measurements().get(0).placement()).toList();
        }
    }

    /**
     * A workload the calibration never saw, as measured.
     *
     * @param workload the check's name for it ("4 connections", "stream 16 KiB")
     */
    record Unseen(CpuPlacement placement, String workload, LiveMeasurement.Measured measured) {
        @JsonCreator
        Unseen(@JsonProperty(value = "placement", required = true) CpuPlacement placement,
               @JsonProperty(value = "workload", required = true) String workload,
               @JsonProperty(value = "measured", required = true) LiveMeasurement.Measured measured) {
            this.placement = placement;
            this.workload = workload;
            this.measured = measured;
            InvalidValue.require(measured.mode() != null && measured.workload() != null, "measured",
                    "a measurement needs its mode and workload");
        }
    }

    @JsonCreator
    static ValidationMeasurements parse(@JsonProperty(value = "schema", required = true) String schema,
                                        @JsonProperty("recordedAt") String recordedAt,
                                        @JsonProperty("modes") List<String> modes,
                                        @JsonProperty("requests") Long requests,
                                        @JsonProperty("rounds") List<Round> rounds) {
        // The schema first: a recording given in its place is told so, not that it lacks a round.
        InvalidValue.require(SCHEMA.equals(schema), "schema",
                "not a validate --save-measurements file: its schema is '" + schema + "', not " + SCHEMA);
        InvalidValue.require(modes != null && !modes.isEmpty(), "modes", "is required but missing");
        InvalidValue.require(requests != null, "requests", "is required but missing");
        InvalidValue.require(rounds != null && !rounds.isEmpty(), "rounds", "the file holds no round");
        return new ValidationMeasurements(schema, recordedAt, modes, requests, rounds);
    }

    ValidationMeasurements {
        InvalidValue.require(requests >= 1, "requests", "must be at least 1, not " + requests);
        modes = List.copyOf(modes);
        rounds = List.copyOf(rounds);
    }

    /**
     * For people: how much of the CPUs' time the host took (steal) while the workloads ran, and how many of them
     * lost more than {@link LiveMeasurement#MUCH_STOLEN}; empty where not recorded (files saved before it was).
     */
    Optional<String> hostSteal() {
        double[] shares = rounds.stream().flatMap(r -> r.unseen().stream()).map(u -> u.measured().hostStolenShare())
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        if (shares.length == 0) {
            return Optional.empty();
        }
        long much = Arrays.stream(shares).filter(share -> share > LiveMeasurement.MUCH_STOLEN).count();
        double[] calibratedOn = rounds.stream().flatMap(r -> r.pingPongs().stream())
                .flatMap(recording -> recording.measurements().stream()).map(LiveMeasurement::hostStolenShare)
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        return Optional.of(String.format(Locale.ROOT, "The host took %s of the CPUs' time (steal) while the workloads"
                + " ran; %d of %d measurements lost more than %.0f %%, and vary with the host's other tenants as much"
                + " as with the lab%s", range(shares), much, shares.length, 100 * LiveMeasurement.MUCH_STOLEN,
                calibratedOn.length == 0 ? "" : "; the ping-pongs calibrated on lost " + range(calibratedOn)));
    }

    private static String range(double[] shares) {
        return String.format(Locale.ROOT, "%.1f to %.1f %%", 100 * Arrays.stream(shares).min().orElseThrow(),
                100 * Arrays.stream(shares).max().orElseThrow());
    }

    /** Reads and checks a file saved by {@code validate --save-measurements}; faults name the file, line and field. */
    static ValidationMeasurements read(Path file) throws ScenarioException {
        return YamlFiles.read(file, ValidationMeasurements.class, MAX_BYTES);
    }
}
