package org.stacklab.ui;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.stacklab.sim.io.AtomicFiles;
import org.stacklab.sim.io.OutputFileException;
import org.stacklab.sim.trace.PerfettoExport;
import org.stacklab.sim.trace.StageVisit;

/** What the lab exports: the view as a PNG picture, the panes' visits so far as Perfetto JSON or CSV. */
final class ViewExport {

    /** The formats, by file extension. */
    static final List<String> FORMATS = List.of("png", "json", "csv");

    private ViewExport() {
    }

    /**
     * Writes {@code format}; returns what was written, for the status line.
     *
     * @throws OutputFileException if the file cannot be written
     */
    static String write(Node view, List<PaneView> panes, Path file, String format) throws OutputFileException {
        switch (format) {
            case "png" -> {
                WritableImage image = view.snapshot(null, null);
                AtomicFiles.write(file, out -> ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out));
                return "Exported the view to " + file;
            }
            case "json" -> AtomicFiles.write(file, out -> PerfettoExport.write("Stack Lab: " + String.join(" and ",
                    panes.stream().map(p -> p.mode().name()).toList()), visits(panes), out));
            default -> AtomicFiles.write(file, out -> csv(panes, out));
        }
        // Said, not silent: the panes' traces go on for as long as one steps, so the file holds what was shown.
        return String.format(Locale.ROOT, "Exported the %,d visits shown so far (%s) to %s", visits(panes).size(),
                String.join(", ", panes.stream().map(p -> p.mode().name() + " step " + p.shown().size()).toList()), file);
    }

    private static List<StageVisit> visits(List<PaneView> panes) {
        List<StageVisit> all = new ArrayList<>();
        for (PaneView pane : panes) {
            for (StageVisit v : pane.shown()) {
                all.add(new StageVisit(v.request(), v.direction(), v.stage(), pane.mode().name() + "/" + v.namespace(),
                        v.device(), v.cpu(), v.enterNs(), v.exitNs(), v.bytes()));
            }
        }
        return all;
    }

    private static void csv(List<PaneView> panes, OutputStream out) {
        PrintWriter csv = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        csv.println("mode,request,direction,stage,namespace,device,cpu,enter_ns,exit_ns,bytes");
        for (PaneView pane : panes) {
            for (StageVisit v : pane.shown()) {
                csv.printf(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%d,%d,%d,%d%n", pane.mode().name(), v.request(), v.direction(),
                        v.stage(), v.namespace(), v.device() == null ? "" : v.device(), v.cpu(), v.enterNs(), v.exitNs(),
                        v.bytes());
            }
        }
        csv.flush();
    }
}
