package org.stacklab.probe.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JNI bridge's ring-buffer drain ({@code src/main/c/ring_drain.h}), tested in C by
 * {@code src/test/c/ring_drain_test.c}, which the native build compiles: samples of a batch and of one event
 * mixed, none lost to a full buffer.
 */
class RingDrainTest {

    private static final Path TEST = Path.of("target", "native-build", "ring-drain-test");

    @Test
    void aPollStopsWithRoomForTheLargestSampleAndLosesNone() throws IOException, InterruptedException {
        if (!Files.isExecutable(TEST)) {
            String reason = "the native part was not built (" + TEST + " is missing: ./stacklab setup installs its tools)";
            if ("1".equals(System.getenv("STACKLAB_REQUIRE_LIVE"))) {
                fail("STACKLAB_REQUIRE_LIVE=1 but " + reason);
            }
            assumeTrue(false, reason);
        }
        Process test = new ProcessBuilder(TEST.toString()).redirectErrorStream(true).start();
        String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(test.waitFor(60, TimeUnit.SECONDS), "ring-drain-test did not finish");
        assertEquals(0, test.exitValue(), output);
    }
}
