package org.stacklab.cli;

import java.util.Locale;
import java.util.Optional;
import org.stacklab.probe.run.ProbeOptions;
import picocli.CommandLine.Option;

/**
 * {@code --max-steal PCT}, for every command that measures: a turn during which the host took more of the CPUs'
 * time (steal) is measured again ({@link ProbeOptions#maxStolenShare}), so that a busy host's other tenants weigh
 * less in the figures.
 */
final class HostStealOption {

    @Option(names = "--max-steal", paramLabel = "PCT",
            description = "Measure again (up to " + ProbeOptions.REMEASURES + " times) a turn during which the host took"
                    + " more than PCT %% of the CPUs' time for others (steal, /proc/stat): on a VM whose host is busy a"
                    + " vCPU with work waits for its physical CPU, which no model of the machine predicts. Default:"
                    + " each turn once, its steal reported.")
    Double percent;

    /** The options with the share set, as given; unchanged without the option. */
    ProbeOptions applyTo(ProbeOptions options) {
        if (percent == null) {
            return options;
        }
        if (!(percent >= 0 && percent <= 100)) {
            throw new UserError("--max-steal takes a percentage from 0 to 100, not " + percent);
        }
        return options.withMaxStolenShare(percent / 100);
    }

    /** For people, when given: what was measured again. */
    Optional<String> describe() {
        return Optional.ofNullable(percent).map(p -> String.format(Locale.ROOT, "Turns during which the host took more"
                + " than %.0f %% of the CPUs' time were measured again, up to %d times each (the least stolen try"
                + " kept).", p, ProbeOptions.REMEASURES));
    }
}
