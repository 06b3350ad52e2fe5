package org.stacklab.sim.trace;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A path trace as saved and exchanged: where it came from, and its stage visits.
 *
 * @param schema   {@value #SCHEMA}
 * @param source   {@code simulator} or {@code live-probe}
 * @param scenario the scenario's name
 * @param mode     the mode's name
 * @param seed     the seed (simulator) or 0
 * @param visits   the visits, in the order they ended
 */
public record PathTrace(String schema, String source, String scenario, String mode, long seed,
                        List<StageVisit> visits) {

    public static final String SCHEMA = "stacklab.trace/1";

    @JsonCreator
    public PathTrace(@JsonProperty(value = "schema", required = true) String schema,
                     @JsonProperty(value = "source", required = true) String source,
                     @JsonProperty("scenario") String scenario,
                     @JsonProperty(value = "mode", required = true) String mode,
                     @JsonProperty("seed") long seed,
                     @JsonProperty(value = "visits", required = true) List<StageVisit> visits) {
        this.schema = schema;
        this.source = source;
        this.scenario = scenario;
        this.mode = mode;
        this.seed = seed;
        this.visits = List.copyOf(visits);
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("unsupported trace schema '" + schema + "' (this build reads " + SCHEMA + ")");
        }
    }
}
