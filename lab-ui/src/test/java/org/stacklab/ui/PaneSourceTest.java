package org.stacklab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PaneSourceTest {

    @Test
    void aRecordingsInstantIsShownToTheMinuteAndAnythingElseAsWritten() {
        assertEquals("2026-12-01 18:02 UTC", PaneSource.Measured.toTheMinute("2026-12-01T18:02:43.784248592Z"));
        assertEquals("yesterday", PaneSource.Measured.toTheMinute("yesterday"));
        assertEquals("null", PaneSource.Measured.toTheMinute(null));
    }
}
