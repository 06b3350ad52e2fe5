package org.stacklab.probe;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.stacklab.probe.doctor.Check;
import org.stacklab.probe.doctor.Doctor;

/**
 * Live tests run for real where the probe can run (Linux, root, the native parts built). Elsewhere
 * they are skipped with the doctor's reason, unless {@code STACKLAB_REQUIRE_LIVE=1} (set by CI),
 * which turns the skip into a failure.
 */
public final class LiveAssumptions {

    private LiveAssumptions() {
    }

    public static void requireLive() {
        List<Check> checks = Doctor.run();
        if (Doctor.liveModeCanRun(checks)) {
            return;
        }
        String reason = "live probe cannot run here:\n" + Doctor.format(checks);
        if ("1".equals(System.getenv("STACKLAB_REQUIRE_LIVE"))) {
            fail("STACKLAB_REQUIRE_LIVE=1 but the " + reason);
        }
        assumeTrue(false, reason);
    }
}
