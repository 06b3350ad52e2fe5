package org.stacklab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stacklab.fixtures.LiveMeasurements;

class ChartDataTest {

    @Test
    void aMeasurementWhoseProbeLostEventsCallsItsCrossingsIncomplete() {
        assertEquals("sidecar: measured, 20000 round trips, crossings incomplete (the probe lost 152,432 events)."
                + " 50 % of wake-ups on the waker's CPU.",
                ChartData.measured(LiveMeasurements.sidecarLosing(152432)).summary());
        assertEquals("sidecar: measured, 20000 round trips, crossings NOT as the model says."
                + " 50 % of wake-ups on the waker's CPU.",
                ChartData.measured(LiveMeasurements.sidecarLosing(0)).summary());
    }
}
