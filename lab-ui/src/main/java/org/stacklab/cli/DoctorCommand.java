package org.stacklab.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.stacklab.probe.doctor.Check;
import org.stacklab.probe.doctor.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stacklab doctor}: can the live probe run here, and if not, why and how to fix it. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check every requirement of the live probe. Exit code 0: live mode can run; 1: it cannot.")
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Check> checks = Doctor.run();
        spec.commandLine().getOut().print(Doctor.format(checks));
        spec.commandLine().getOut().flush();
        return Doctor.liveModeCanRun(checks) ? 0 : 1;
    }
}
