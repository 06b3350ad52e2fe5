package org.stacklab.sim.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.stacklab.sim.io.EnumNames;

/**
 * Where a run's processes may run: a factor of the measurement as much as of the model, since on a
 * VM the same ping-pong takes ~6 µs with both ends on one CPU and ~60 µs with them apart. Scenario
 * files and {@code probe run --placement} name it; the simulator's cores and the live lab's
 * {@code taskset} both apply it, process {@code i} of a mode's topology being task {@code i}.
 */
public enum CpuPlacement {
    /** Where the scheduler puts them: a woken task on its last core if idle, else any idle one, else it waits. */
    SCHEDULER,
    /** Every process on the first CPU: no wake-up crosses CPUs. */
    SAME_CPU,
    /** Process {@code i} kept on CPU {@code i mod n}: the client and the server on different CPUs. */
    SPREAD;

    /** The core a task is kept on among {@code cores}, or {@link CpuCores#NONE} if it is not kept on one. */
    public int coreOf(int task, int cores) {
        return switch (this) {
            case SCHEDULER -> CpuCores.NONE;
            case SAME_CPU -> 0;
            case SPREAD -> task % cores;
        };
    }

    @JsonCreator
    public static CpuPlacement parse(String text) {
        return EnumNames.parse(CpuPlacement.class, text, "placement");
    }

    /** As files write it: {@code scheduler}, {@code same-cpu}, {@code spread}. */
    @JsonValue
    @Override
    public String toString() {
        return EnumNames.of(this);
    }
}
