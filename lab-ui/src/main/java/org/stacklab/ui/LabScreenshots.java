package org.stacklab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The README's pictures, made by the lab itself in a real window: the default panes stepped into a
 * sidecar's second trip at 1920x1080 and 1280x720, presenter style, and the flow view.
 */
public final class LabScreenshots extends Application {

    private static volatile Path folder;
    private static final List<String> WRITTEN = new ArrayList<>();
    private static final CountDownLatch DONE = new CountDownLatch(1);
    private static volatile Throwable failure;

    /** Makes the pictures in {@code into}; returns the files written. */
    public static List<String> run(Path into) throws Exception {
        folder = into;
        LabView.preloadDefaultScenario();
        Thread fx = new Thread(() -> Application.launch(LabScreenshots.class), "stacklab-screenshots");
        fx.setDaemon(true);
        fx.start();
        if (!DONE.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the lab window did not come up");
        }
        if (failure != null) {
            throw new IllegalStateException("the screenshots failed: " + failure.getMessage(), failure);
        }
        return List.copyOf(WRITTEN);
    }

    @Override
    public void start(Stage stage) {
        Platform.setImplicitExit(false);
        LabView view = new LabView();
        stage.setScene(new Scene(view, 1920, 1080));
        stage.show();
        Thread director = new Thread(() -> {
            try {
                shoot(stage, view, 1920, 1080, false, "lab.png");
                shoot(stage, view, 1280, 720, false, "lab-1280x720.png");
                shoot(stage, view, 1920, 1080, true, "lab-presenter.png");
                shoot(stage, view, 1280, 720, true, "lab-presenter-1280x720.png");
                fx(() -> {
                    stage.setWidth(1920);
                    stage.setHeight(1080);
                    view.setPresenter(false);
                    view.setFlow(true);
                    return null;
                });
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!fx(() -> view.left().inFlow() && view.right().inFlow()) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                fx(() -> {
                    view.setSpeed(40);
                    view.setPlaying(true);
                    return null;
                });
                Thread.sleep(3000);
                fx(() -> {
                    view.setPlaying(false);
                    return null;
                });
                export(view, "lab-flow.png");
                fx(() -> {
                    view.setFlow(false);
                    view.right().choose("ambient"); // sidecarless is not stackless
                    return null;
                });
                shoot(stage, view, 1920, 1080, false, "lab-ambient.png");
                fx(() -> {
                    view.left().choose("direct"); // where the kernel path does get shorter
                    view.right().choose("host-routing");
                    return null;
                });
                // Each at the node: direct forwarding the request, host routing handing it on.
                shoot(stage, view, 1920, 1080, false, "lab-host-routing.png",
                        at(org.stacklab.sim.stack.Stage.IP_FORWARD, org.stacklab.sim.stack.Stage.TC_PEER_REDIRECT));
                fx(() -> {
                    view.left().choose("direct@two-nodes"); // routed, and wrapped between the nodes
                    view.right().choose("direct@two-nodes-vxlan");
                    return null;
                });
                // Each at the link between the nodes: node-a forwarding the request, or wrapping it.
                shoot(stage, view, 1920, 1080, false, "lab-two-nodes.png",
                        at(org.stacklab.sim.stack.Stage.IP_FORWARD, org.stacklab.sim.stack.Stage.VXLAN_ENCAP));
                fx(() -> {
                    view.left().choose("ambient"); // one ztunnel for the node, or one on each
                    view.right().choose("ambient@two-nodes");
                    return null;
                });
                shoot(stage, view, 1920, 1080, false, "lab-ambient-two-nodes.png");
                Path sweep = Path.of("lessons/recordings/lab-vm-connections-sweep.json");
                if (java.nio.file.Files.isReadable(sweep)) { // from the project's root, as the README's command runs
                    fx(() -> {
                        view.openRecording(sweep);
                        return null;
                    });
                    shoot(stage, view, 1920, 1080, false, "lab-sweep.png");
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                // The toolkit stays up until the command exits: shut down under a closing window, it would still
                // be handed the window system's last mouse events.
                Platform.runLater(() -> {
                    view.dispose();
                    stage.close();
                    DONE.countDown();
                });
            }
        }, "stacklab-screenshot-director");
        director.setDaemon(true);
        director.start();
    }

    private static void shoot(Stage stage, LabView view, int width, int height, boolean presenter, String name)
            throws Exception {
        shoot(stage, view, width, height, presenter, name, LabScreenshots::intoTheSecondTrip);
    }

    /** A picture of both panes where {@code position} puts them. */
    private static void shoot(Stage stage, LabView view, int width, int height, boolean presenter, String name,
                              java.util.function.Consumer<LabView> position) throws Exception {
        fx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            view.setPresenter(presenter);
            view.reset();
            position.accept(view);
            return null;
        });
        Thread.sleep(1500); // the charts, computed in the background
        export(view, name);
    }

    /** Into the sidecar's second trip: the first lane walked, the REDIRECT met. */
    private static void intoTheSecondTrip(LabView view) {
        view.left().forward();
        view.jump(TwinPanes.Jump.TRIP);
        for (int i = 0; i < 12; i++) {
            view.stepOnce();
        }
    }

    /** Each pane at the first visit of its own stage. */
    private static java.util.function.Consumer<LabView> at(org.stacklab.sim.stack.Stage left,
                                                           org.stacklab.sim.stack.Stage right) {
        return view -> {
            view.left().advanceTo(left, TwinPanes.MAX_STEPS_TO_FIND_A_STAGE);
            view.right().advanceTo(right, TwinPanes.MAX_STEPS_TO_FIND_A_STAGE);
        };
    }

    private static void export(LabView view, String name) throws Exception {
        Path file = folder.resolve(name);
        // Written past the view's own export, which would say so in the status line of every later picture.
        fx(() -> ViewExport.write(view, List.of(view.left(), view.right()), file, "png"));
        WRITTEN.add(file.toString());
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }
}
