package org.stacklab.ui;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The lab's speed, as {@code stacklab bench-lab} reports it: time from the JVM's start to the
 * window's first frame, then frames per second of the flow view with about
 * {@value LabView#FLOW_CONNECTIONS} packets in flight per pane, counted over JavaFX pulses.
 */
public final class LabBench extends Application {

    static volatile double seconds = 5;
    static volatile String report = "";
    private static final CountDownLatch DONE = new CountDownLatch(1);
    private static final long RAMP_UP_NS = 1_000_000_000L;

    /** Runs the benchmark in a window and returns its report. */
    public static String run(double measureSeconds) throws InterruptedException {
        seconds = measureSeconds;
        LabView.preloadDefaultScenario();
        Thread fx = new Thread(() -> Application.launch(LabBench.class), "stacklab-bench-lab");
        fx.setDaemon(true);
        fx.start();
        if (!DONE.await((long) (measureSeconds + 120), TimeUnit.SECONDS)) {
            return "bench-lab: no result (the window did not come up)";
        }
        return report;
    }

    @Override
    public void start(Stage stage) {
        LabView view = new LabView();
        stage.setScene(new Scene(view, 1400, 940));
        stage.show();
        new AnimationTimer() {
            private boolean first = true;
            private long start;
            private long playing;
            private long startFrames;
            private int packetSamples;
            private long packets;

            @Override
            public void handle(long now) {
                if (first) {
                    first = false;
                    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
                    report = String.format(Locale.ROOT, "bench-lab: first frame %d ms after the JVM started%n", uptime);
                    view.setFlow(true);
                    return;
                }
                if (playing == 0) {
                    if (view.left().inFlow() && view.right().inFlow()) {
                        view.setSpeed(20); // 200 µs of simulated time a second: the crowd stays for the whole run
                        view.setPlaying(true);
                        playing = now;
                    }
                    return;
                }
                if (start == 0) {
                    if (now - playing >= RAMP_UP_NS) { // the clients have sent their first requests
                        start = now;
                        startFrames = view.flowFrames();
                    }
                    return;
                }
                packets += view.left().packetsShown() + view.right().packetsShown();
                packetSamples += 2;
                if (now - start >= seconds * 1e9) {
                    double fps = (view.flowFrames() - startFrames) / ((now - start) / 1e9);
                    report += String.format(Locale.ROOT, "bench-lab: %.1f frames/s over %.0f s with %.0f packets in flight"
                            + " per pane on average%n", fps, seconds, (double) packets / Math.max(1, packetSamples));
                    stop();
                    view.dispose();
                    stage.hide();
                    DONE.countDown();
                    Platform.exit();
                }
            }
        }.start();
    }
}
