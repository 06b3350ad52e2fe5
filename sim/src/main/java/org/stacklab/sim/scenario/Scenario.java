package org.stacklab.sim.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.workload.Workload;

/**
 * A run to simulate: the modes to compare, the machine's cost profile and cores, where the processes
 * run on them, the workload and the seed. Modes and profile are names of built-in ones or paths of
 * YAML files, relative to the scenario file.
 *
 * @param placement where the processes run on the cores: {@code scheduler}, {@code same-cpu} or {@code spread};
 *                  null if the file names none: then the simulator leaves them to the scheduler
 *                  ({@link #cpuPlacement()}) and the live probe, whose numbers would otherwise be a lottery
 *                  of the scheduler's choices, keeps them {@code spread}
 */
public record Scenario(String name, String description, Reference profile, List<Reference> modes, Workload workload,
                       int cpus, CpuPlacement placement, long seed) {

    @JsonCreator
    public Scenario(@JsonProperty(value = "name", required = true) String name,
                    @JsonProperty("description") String description,
                    @JsonProperty("profile") Reference profile,
                    @JsonProperty("modes") List<Reference> modes,
                    @JsonProperty("workload") Workload workload,
                    @JsonProperty("cpus") Integer cpus,
                    @JsonProperty("placement") CpuPlacement placement,
                    @JsonProperty("seed") Long seed) {
        this(name, description == null ? "" : description, profile == null ? Reference.of("lab-vm") : profile,
                modes == null ? Catalog.BUILT_IN_MODES.stream().map(Reference::of).toList() : List.copyOf(modes),
                workload == null ? new Workload(null, null, null, null, null, null, null) : workload,
                cpus == null ? 2 : cpus, placement, seed == null ? 1 : seed);
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

    /** Where the simulator runs the processes: the file's placement, or the scheduler's if it names none. */
    public CpuPlacement cpuPlacement() {
        return placement == null ? CpuPlacement.SCHEDULER : placement;
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, profile, modes, workload, cpus, placement, newSeed);
    }

    public Scenario withWorkload(Workload newWorkload) {
        return new Scenario(name, description, profile, modes, newWorkload, cpus, placement, seed);
    }

    public Scenario withModes(List<Reference> newModes) {
        return new Scenario(name, description, profile, List.copyOf(newModes), workload, cpus, placement, seed);
    }

    public Scenario withPlacement(CpuPlacement newPlacement) {
        return new Scenario(name, description, profile, modes, workload, cpus, newPlacement, seed);
    }

    public Scenario withProfile(Reference newProfile) {
        return new Scenario(name, description, newProfile, modes, workload, cpus, placement, seed);
    }
}
