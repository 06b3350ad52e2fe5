package org.stacklab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The status line's background work: one task at a time, its bar and Cancel shown only while it runs. */
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {

    private StatusBar bar;

    @Start
    void start(javafx.stage.Stage stage) {
        bar = new StatusBar();
        stage.setScene(new Scene(bar, 600, 40));
        stage.show();
    }

    @Test
    void aTaskThatEndsAfterTheNextBeganLeavesTheNextOnTheBar(FxRobot robot) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Task<Void> first = waiting("first", new CountDownLatch(0));
        AtomicBoolean firstHandled = new AtomicBoolean();
        robot.interact(() -> {
            bar.run(first, "first", v -> firstHandled.set(true), () -> { });
            while (!first.isDone()) { // its work done, its end not yet handled: that waits for the FX thread, held here
                Thread.onSpinWait();
            }
            bar.run(waiting("second", release), "second", v -> { }, () -> { });
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, firstHandled::get);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> bar.statusText().equals("second"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(bar.showsWork(), "the second still runs, shown");
        assertTrue(bar.busy());
        release.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !bar.busy());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(bar.showsWork(), "nothing runs: no bar, no Cancel");
        assertEquals("second", bar.statusText());
    }

    /** A task that says its name, then waits for {@code release} (or its cancellation). */
    private static Task<Void> waiting(String name, CountDownLatch release) {
        return new Task<>() {
            @Override
            protected Void call() throws Exception {
                updateMessage(name);
                release.await(30, TimeUnit.SECONDS);
                return null;
            }
        };
    }
}
