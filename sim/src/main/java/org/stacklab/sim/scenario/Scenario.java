package org.stacklab.sim.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.workload.Workload;

/**
 * A run to simulate: the modes to compare, the machine's cost profile and cores, the workload and
 * the seed. Modes and profile are names of built-in ones or paths of YAML files, relative to the
 * scenario file.
 */
public record Scenario(String name, String description, Reference profile, List<Reference> modes, Workload workload,
                       int cpus, long seed) {

    @JsonCreator
    public Scenario(@JsonProperty(value = "name", required = true) String name,
                    @JsonProperty("description") String description,
                    @JsonProperty("profile") Reference profile,
                    @JsonProperty("modes") List<Reference> modes,
                    @JsonProperty("workload") Workload workload,
                    @JsonProperty("cpus") Integer cpus,
                    @JsonProperty("seed") Long seed) {
        this(name, description == null ? "" : description, profile == null ? Reference.of("lab-vm") : profile,
                modes == null ? Catalog.BUILT_IN_MODES.stream().map(Reference::of).toList() : List.copyOf(modes),
                workload == null ? new Workload(null, null, null, null, null, null, null) : workload,
                cpus == null ? 2 : cpus, seed == null ? 1 : seed);
    }

    public Scenario {
        InvalidValue.require(cpus >= 1 && cpus <= 1024, "cpus", "cpus must be between 1 and 1024, not " + cpus);
        InvalidValue.require(!modes.isEmpty(), "modes", "modes must name at least one mode");
        for (int i = 0; i < modes.size(); i++) {
            for (int j = 0; j < i; j++) {
                InvalidValue.require(!modes.get(i).name().equals(modes.get(j).name()), "modes[" + i + "]",
                        "mode '" + modes.get(i).name() + "' is named twice");
            }
        }
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, profile, modes, workload, cpus, newSeed);
    }

    public Scenario withWorkload(Workload newWorkload) {
        return new Scenario(name, description, profile, modes, newWorkload, cpus, seed);
    }

    public Scenario withModes(List<Reference> newModes) {
        return new Scenario(name, description, profile, List.copyOf(newModes), workload, cpus, seed);
    }

    public Scenario withProfile(Reference newProfile) {
        return new Scenario(name, description, newProfile, modes, workload, cpus, seed);
    }
}
