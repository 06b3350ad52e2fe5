package org.stacklab.sim.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.stacklab.sim.stack.Stage;

/**
 * A machine's costs: one {@link StageCost} for every {@link Stage}.
 *
 * @param name        short name, as used on the command line
 * @param description what machine the numbers describe
 * @param stages      the cost of each stage; every stage must be present
 */
public record CostProfile(String name, String description, Map<Stage, StageCost> stages) {

    @JsonCreator
    public CostProfile(@JsonProperty(value = "name", required = true) String name,
                       @JsonProperty(value = "description", required = true) String description,
                       @JsonProperty(value = "stages", required = true) Map<Stage, StageCost> stages) {
        this.name = name;
        this.description = description;
        this.stages = new EnumMap<>(stages);
        Set<String> missing = new TreeSet<>();
        for (Stage stage : Stage.values()) {
            if (!stages.containsKey(stage)) {
                missing.add(stage.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the profile has no cost for " + String.join(", ", missing));
        }
    }

    @Override
    public Map<Stage, StageCost> stages() {
        return Map.copyOf(stages);
    }

    public StageCost cost(Stage stage) {
        return stages.get(stage);
    }
}
