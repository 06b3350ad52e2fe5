package org.stacklab.probe.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.stacklab.probe.lab.ProxyConfig;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.scenario.YamlFiles;

/**
 * A live run as saved: where and when it was measured, each mode's measurement beside the
 * simulator, and the modes that could not be measured and why.
 *
 * @param schema  {@value #SCHEMA}
 * @param proxies how the lab's proxies were configured, or null in older recordings
 * @param timers  what the machine's timers cost a sleeping thread, measured beside the modes (an open loop's
 *                input to the model), or null where not measured
 * @param idleWake how the machine's idle CPUs woke, measured beside the modes (the host's halt polling: why a run's
 *                 wake-ups may come in slow runs), or null where not measured
 */
public record Recording(String schema, String host, String kernel, String recordedAt, String scenario,
                        List<LiveMeasurement> measurements, Map<String, String> skipped, String proxies,
                        @JsonInclude(JsonInclude.Include.NON_NULL) TimerMeasurement timers,
                        @JsonInclude(JsonInclude.Include.NON_NULL) IdleWakeMeasurement idleWake) {

    public static final String SCHEMA = "stacklab.recording/2";

    /** The schema before the proxies' work was timed apart from the apps' (one "user" segment for both). */
    private static final String SCHEMA_WITH_ONE_USER_SEGMENT = "stacklab.recording/1";

    @JsonCreator
    public Recording(@JsonProperty(value = "schema", required = true) String schema,
                     @JsonProperty("host") String host,
                     @JsonProperty("kernel") String kernel,
                     @JsonProperty("recordedAt") String recordedAt,
                     @JsonProperty("scenario") String scenario,
                     @JsonProperty(value = "measurements", required = true) List<LiveMeasurement> measurements,
                     @JsonProperty("skipped") Map<String, String> skipped,
                     @JsonProperty("proxies") String proxies,
                     @JsonProperty("timers") TimerMeasurement timers,
                     @JsonProperty("idleWake") IdleWakeMeasurement idleWake) {
        this.schema = schema;
        this.host = host;
        this.kernel = kernel;
        this.recordedAt = recordedAt;
        this.scenario = scenario;
        this.measurements = List.copyOf(measurements);
        this.skipped = skipped == null ? Map.of() : Map.copyOf(skipped);
        this.proxies = proxies;
        this.timers = timers;
        this.idleWake = idleWake;
        InvalidValue.require(!SCHEMA_WITH_ONE_USER_SEGMENT.equals(schema), "schema",
                "recorded by an earlier build, whose one 'user' segment held the apps' and the proxies' work alike;"
                        + " record it again with 'stacklab probe run --out FILE'");
        InvalidValue.require(SCHEMA.equals(schema), "schema",
                "unsupported recording schema '" + schema + "' (this build reads " + SCHEMA + ")");
        for (int i = 0; i < this.measurements.size(); i++) {
            LiveMeasurement m = this.measurements.get(i);
            InvalidValue.require(m != null, "measurements[" + i + "]", "a measurement cannot be empty");
            InvalidValue.require(Catalog.isBuiltInMode(m.mode()), "measurements[" + i + "].mode",
                    "unknown mode '" + m.mode() + "' (a recording holds the lab's modes: "
                            + Catalog.builtInModes() + ")");
        }
    }

    /** Recordings hold traces and wake-ups: larger than a scenario, though rarely above a few MiB. */
    public static final long MAX_BYTES = 256L << 20;

    /** Reads and checks a recording saved by {@code probe run --out}; faults name the file, line and field. */
    public static Recording read(Path file) throws ScenarioException {
        return YamlFiles.read(file, Recording.class, MAX_BYTES);
    }

    /** A recording made now, on this machine, without its timers or idle CPUs measured. */
    public static Recording of(String scenario, List<LiveMeasurement> measurements, Map<String, String> skipped) {
        return of(scenario, measurements, skipped, null, null);
    }

    /** A recording made now, on this machine, with what its timers cost and how its idle CPUs woke (or nulls). */
    public static Recording of(String scenario, List<LiveMeasurement> measurements, Map<String, String> skipped,
                               TimerMeasurement timers, IdleWakeMeasurement idleWake) {
        return new Recording(SCHEMA, ThisHost.name(), ThisHost.kernel(),
                Instant.now().toString(), scenario, measurements, skipped, ProxyConfig.SETTINGS, timers, idleWake);
    }
}
