package org.stacklab.cli;

import java.io.PrintWriter;
import org.stacklab.sim.io.OutputFileException;
import org.stacklab.sim.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stacklab} command: one launcher, one subcommand per job. With no arguments it opens
 * the lab window; where there is no display it runs {@code compare} on the default scenario and
 * says why.
 */
@Command(name = "stacklab", mixinStandardHelpOptions = true, versionProvider = StackLab.Version.class,
        description = "Stack Lab: what a request crosses between two applications, simulated and measured.",
        subcommands = {LabCommand.class, SimCommand.class, CompareCommand.class, BenchCommand.class, BenchLabCommand.class,
                BenchClusterCommand.class,
                LessonCommand.class, ScaleCommand.class, CalibrateCommand.class, DoctorCommand.class,
                ProbeCommand.class, SweepCommand.class, ValidateCommand.class,
                CommandLine.HelpCommand.class})
public final class StackLab implements Runnable {

    /** Exit code for input the user can fix: a bad option, scenario or file. */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given output streams and returns its exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new StackLab());
        cli.setOut(out);
        cli.setErr(err);
        cli.registerConverter(org.stacklab.sim.engine.CpuPlacement.class, org.stacklab.sim.engine.CpuPlacement::parse);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ScenarioException || e instanceof UserError || e instanceof OutputFileException) {
                err.println("stacklab: " + e.getMessage());
                return USER_ERROR;
            }
            throw e;
        });
        // A mistyped option is one line and a pointer to the help, not the whole usage.
        cli.setParameterExceptionHandler((e, given) -> {
            CommandLine at = e.getCommandLine();
            at.getErr().println("stacklab: " + e.getMessage() + " (see '" + at.getCommandSpec().qualifiedName()
                    + " --help')");
            return USER_ERROR;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        if (LabCommand.displayAvailable()) {
            int code = spec.commandLine().execute("lab");
            if (code != 0) {
                throw new CommandLine.ExecutionException(spec.commandLine(), "the lab window failed, exit code " + code);
            }
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("stacklab: no display (DISPLAY is not set), so this runs `stacklab compare` on the default"
                + " scenario instead of opening the lab window. See `stacklab --help` for every command.");
        err.println();
        int code = spec.commandLine().execute("compare");
        if (code != 0) {
            throw new CommandLine.ExecutionException(spec.commandLine(), "compare failed with exit code " + code);
        }
    }

    /** Reads the version from the jar's manifest, or says it is a development build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StackLab.class.getPackage().getImplementationVersion();
            return new String[] {"stacklab " + (version == null ? "(development build)" : version)};
        }
    }
}
