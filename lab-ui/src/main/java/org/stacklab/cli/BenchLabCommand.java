package org.stacklab.cli;

import java.util.concurrent.Callable;
import org.stacklab.ui.LabBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stacklab bench-lab}: the lab window's first-frame time and animation frame rate. */
@Command(name = "bench-lab", mixinStandardHelpOptions = true,
        description = "Measure the lab window: time to its first frame, and frames per second with ~200 packets"
                + " in flight per pane. Needs a display (xvfb-run works).")
final class BenchLabCommand implements Callable<Integer> {

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!LabCommand.displayAvailable()) {
            throw new UserError("bench-lab needs a display: run it as `xvfb-run ./stacklab bench-lab`");
        }
        spec.commandLine().getOut().print(LabBench.run(seconds));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
