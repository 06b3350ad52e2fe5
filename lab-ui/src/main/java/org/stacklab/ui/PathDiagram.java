package org.stacklab.ui;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.stacklab.sim.stack.Layer;
import org.stacklab.sim.trace.StageVisit;

/**
 * A mode's path drawn as a grid: a column per namespace (client pod, node, server pod), a row per
 * layer (user space down to the device). The current request's visits light their cells, a trail
 * joins them in order, and the packet sits on the stage being visited.
 */
public final class PathDiagram extends CanvasPane {

    static final List<Layer> ROWS = List.of(Layer.USER, Layer.SOCKET, Layer.BPF, Layer.TCP, Layer.IP,
            Layer.NETFILTER, Layer.DEVICE, Layer.SCHEDULER);

    private final List<String> columns;
    private List<StageVisit> request = List.of();
    private StageVisit current;
    private List<StageVisit> flow = List.of();
    private boolean presenter;

    public PathDiagram(List<String> namespaces) {
        this.columns = List.copyOf(namespaces);
        setMinSize(320, 300);
        setPrefSize(560, 420);
    }

    /** Shows a request's visits so far, the last of them being visited now. */
    public void show(List<StageVisit> requestVisits, StageVisit now) {
        this.request = List.copyOf(requestVisits);
        this.current = now;
        this.flow = List.of();
        draw();
    }

    /** Shows many requests at once: a packet for every visit under way. */
    public void showFlow(List<StageVisit> inFlight) {
        this.request = List.of();
        this.current = null;
        this.flow = inFlight;
        draw();
    }

    /** How many packets the last frame drew. */
    public int packetsShown() {
        return flow.size();
    }

    /** Large type and high contrast, for a projector. */
    public void setPresenter(boolean on) {
        presenter = on;
        draw();
    }

    private double labelWidth() {
        return presenter ? 120 : 90;
    }

    private double cellWidth() {
        return (canvas.getWidth() - labelWidth() - 10) / columns.size();
    }

    private double cellHeight() {
        return (canvas.getHeight() - 30) / ROWS.size();
    }

    private double centreX(String namespace) {
        int column = Math.max(0, columns.indexOf(namespace));
        return labelWidth() + column * cellWidth() + cellWidth() / 2;
    }

    private double centreY(Layer layer) {
        return 30 + ROWS.indexOf(layer) * cellHeight() + cellHeight() / 2;
    }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Color background = presenter ? Color.BLACK : Color.web("#fafafa");
        Color ink = presenter ? Color.WHITE : Color.web("#222222");
        Color grid = presenter ? Color.web("#666666") : Color.web("#d0d0d0");
        Color lit = presenter ? Color.web("#1e3a5f") : Color.web("#dbe9ff");
        Color accent = presenter ? Color.YELLOW : Color.web("#d9480f");
        g.setFill(background);
        g.fillRect(0, 0, w, h);
        double fontSize = presenter ? 18 : 12;
        g.setFont(Font.font("SansSerif", FontWeight.BOLD, fontSize));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(ink);
        for (String column : columns) {
            g.fillText(column, centreX(column), 15);
        }
        g.setTextAlign(TextAlignment.LEFT);
        for (Layer layer : ROWS) {
            g.setFill(ink);
            g.fillText(layer.label(), 6, centreY(layer));
        }
        for (StageVisit visit : request) {
            g.setFill(lit);
            fillCell(g, visit);
        }
        g.setStroke(grid);
        g.setLineWidth(1);
        for (int c = 0; c < columns.size(); c++) {
            for (int r = 0; r < ROWS.size(); r++) {
                g.strokeRect(labelWidth() + c * cellWidth() + 2, 30 + r * cellHeight() + 2, cellWidth() - 4,
                        cellHeight() - 4);
            }
        }
        g.setStroke(accent.deriveColor(0, 1, 1, 0.6));
        g.setLineWidth(presenter ? 4 : 2);
        for (int i = 1; i < request.size(); i++) {
            StageVisit a = request.get(i - 1);
            StageVisit b = request.get(i);
            g.strokeLine(centreX(a.namespace()), centreY(a.stage().layer()), centreX(b.namespace()),
                    centreY(b.stage().layer()));
        }
        if (!flow.isEmpty()) {
            double r = presenter ? 5 : 3.5;
            g.setFill(accent);
            for (StageVisit visit : flow) {
                // Spread a cell's packets over it, each request at its own place, so that a crowd shows as a crowd.
                long spread = visit.request() * 0x9E3779B97F4A7C15L;
                double dx = ((spread >>> 40) & 0xff) / 255.0 - 0.5;
                double dy = ((spread >>> 16) & 0xff) / 255.0 - 0.5;
                g.fillOval(centreX(visit.namespace()) + dx * (cellWidth() - 16) - r,
                        centreY(visit.stage().layer()) + dy * (cellHeight() - 12) - r, 2 * r, 2 * r);
            }
        }
        if (current != null) {
            g.setFill(accent.deriveColor(0, 1, 1, 0.35));
            fillCell(g, current);
            double r = presenter ? 12 : 8;
            g.setFill(accent);
            g.fillOval(centreX(current.namespace()) - r, centreY(current.stage().layer()) - r, 2 * r, 2 * r);
            g.setFill(ink);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(current.stage().name(), centreX(current.namespace()), centreY(current.stage().layer()) + r + fontSize);
        }
    }

    private void fillCell(GraphicsContext g, StageVisit visit) {
        int c = Math.max(0, columns.indexOf(visit.namespace()));
        int r = ROWS.indexOf(visit.stage().layer());
        g.fillRect(labelWidth() + c * cellWidth() + 2, 30 + r * cellHeight() + 2, cellWidth() - 4, cellHeight() - 4);
    }
}
