package org.stacklab.ui;

import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.stacklab.sim.stack.Layer;
import org.stacklab.sim.trace.StageVisit;

/**
 * The current request of each pane as a waterfall on one shared time axis: a lane per pane, each
 * stage visit a block from when it began to when it ended, coloured by layer, so that one sees at
 * a glance how much longer one path is than the other and where its time goes.
 */
public final class Waterfall extends CanvasPane {

    private static final Map<Layer, Color> COLOURS = Map.of(
            Layer.USER, Color.web("#f76707"), Layer.SOCKET, Color.web("#fab005"), Layer.TCP, Color.web("#40c057"),
            Layer.IP, Color.web("#15aabf"), Layer.NETFILTER, Color.web("#7950f2"), Layer.DEVICE, Color.web("#868e96"),
            Layer.BPF, Color.web("#e64980"), Layer.SCHEDULER, Color.web("#364fc7"));

    private List<String> lanes = List.of();
    private List<List<StageVisit>> requests = List.of();

    public Waterfall() {
        setMinHeight(60);
        setPrefHeight(96);
    }

    /** Shows one request per lane; lanes are named after their panes' modes. */
    public void show(List<String> laneNames, List<List<StageVisit>> laneVisits) {
        this.lanes = List.copyOf(laneNames);
        this.requests = laneVisits.stream().map(List::copyOf).toList();
        draw();
    }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#fafafa"));
        g.fillRect(0, 0, w, h);
        if (lanes.isEmpty()) {
            return;
        }
        double span = 1;
        for (List<StageVisit> visits : requests) {
            if (!visits.isEmpty()) {
                span = Math.max(span, visits.get(visits.size() - 1).exitNs() - visits.get(0).enterNs());
            }
        }
        double left = 150;
        double scale = (w - left - 20) / span;
        double laneHeight = (h - 24) / lanes.size();
        g.setFont(Font.font("SansSerif", 12));
        g.setTextBaseline(VPos.CENTER);
        for (int lane = 0; lane < lanes.size(); lane++) {
            double y = 4 + lane * laneHeight;
            g.setFill(Color.web("#222222"));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(lanes.get(lane), 6, y + laneHeight / 2);
            List<StageVisit> visits = requests.get(lane);
            if (visits.isEmpty()) {
                continue;
            }
            long start = visits.get(0).enterNs();
            for (StageVisit visit : visits) {
                double x = left + (visit.enterNs() - start) * scale;
                double width = Math.max(1, visit.durationNs() * scale);
                g.setFill(COLOURS.get(visit.stage().layer()));
                g.fillRect(x, y + 3, width, laneHeight - 8);
            }
            StageVisit last = visits.get(visits.size() - 1);
            g.setStroke(Color.web("#d9480f"));
            g.setLineWidth(2);
            double x = left + (last.exitNs() - start) * scale;
            g.strokeLine(x, y, x, y + laneHeight - 2);
        }
        g.setFill(Color.web("#555555"));
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format("%.1f µs", span / 1000.0), w - 6, h - 10);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("0", left, h - 10);
        double x = left + 20;
        for (Layer layer : PathDiagram.ROWS) {
            g.setFill(COLOURS.get(layer));
            g.fillRect(x, h - 16, 10, 10);
            g.setFill(Color.web("#555555"));
            g.fillText(layer.label(), x + 13, h - 10);
            Text measure = new Text(layer.label());
            measure.setFont(g.getFont());
            x += 24 + measure.getLayoutBounds().getWidth();
        }
    }
}
