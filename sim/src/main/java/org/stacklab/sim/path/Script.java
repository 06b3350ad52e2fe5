package org.stacklab.sim.path;

import java.util.List;

/**
 * What a process does when a message reaches it: the steps it runs on its CPU, then where the
 * message goes next.
 *
 * @param process     index of the process that runs it
 * @param steps       the steps, in order
 * @param nextProcess index of the process the last step delivers to, or -1 if the last step
 *                    completes the request
 * @param nextScript  index of the script that process runs, or -1
 */
public record Script(int process, List<Step> steps, int nextProcess, int nextScript) {

    public Script {
        steps = List.copyOf(steps);
    }

    public boolean completesRequest() {
        return nextProcess < 0;
    }
}
