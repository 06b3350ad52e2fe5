package org.stacklab.sim.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.workload.Workload;

class PerByteFitTest {

    private static PerByteFit.Sized pingPong(CostProfile profile, String mode, int bytes) throws Exception {
        LoadedScenario base = LoadedScenario.resolve(LoadedScenario.load("default").scenario()
                .withModes(List.of(Reference.of(mode))).withWorkload(Workload.pingPong(5_000, bytes)), "default");
        LoadedScenario loaded = new LoadedScenario(base.scenario(), base.source(), profile, base.modes());
        Mode m = loaded.modes().get(0);
        return new PerByteFit.Sized(m, bytes, ModeRun.simulate(loaded, m, 0).report().segmentsUsPerRequest(), -1);
    }

    /**
     * Ping-pongs made by a profile whose TCP reader's copy costs three times its stages' figure are fitted
     * back to three, and the send's copy, as profiled, to one; a redirected reader is fitted from sockmap.
     */
    @Test
    void theSlopeOfASegmentAgainstTheMessageSizeIsItsCopiesCost() throws Exception {
        CostProfile plain = LoadedScenario.load("default").profile();
        CostProfile measured = plain.withPerByteFactors(Map.of("wakeup:read-veth", 3.0, "wakeup:read-redirect", 0.5),
                "");
        List<PerByteFit.Sized> sized = List.of(pingPong(measured, "direct", 64), pingPong(measured, "direct", 16_384),
                pingPong(measured, "sockmap", 64), pingPong(measured, "sockmap", 16_384));

        PerByteFit fit = PerByteFit.of(plain, sized);

        assertEquals(3.0, fit.factors().get("wakeup:read-veth"), 0.3, fit.report().toString());
        assertEquals(1.0, fit.factors().get("send:veth"), 0.1, fit.report().toString());
        assertEquals(0.5, fit.factors().get("wakeup:read-redirect"), 0.1, fit.report().toString());
        CostProfile fitted = fit.applyTo(plain);
        assertTrue(fitted.description().contains("per-byte costs fitted"), fitted.description());
        assertEquals(fit.factors().get("wakeup:read-veth"), fitted.perByteFactor("wakeup:read-veth"));
        assertEquals(plain.contextFactor("app:app"), fitted.perByteFactor("app:app"), "unfitted: the context's factor");
    }

    @Test
    void oneSizeSaysNothingAboutBytes() throws Exception {
        CostProfile plain = LoadedScenario.load("default").profile();
        PerByteFit fit = PerByteFit.of(plain, List.of(pingPong(plain, "direct", 64), pingPong(plain, "direct", 64)));
        assertTrue(fit.factors().isEmpty());
        assertEquals(plain, fit.applyTo(plain));
    }
}
