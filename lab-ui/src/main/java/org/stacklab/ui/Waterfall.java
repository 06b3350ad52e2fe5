package org.stacklab.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.stacklab.sim.stack.Layer;
import org.stacklab.sim.trace.StageVisit;

/**
 * The current request of each pane as a waterfall on one shared time axis: a lane per pane, each
 * stage visit a block from when it began to when it ended, coloured by layer, so that one sees at
 * a glance how much longer one path is than the other and where its time goes. A lane's name and
 * its end mark are in its mode's colour; presenter style makes it large and high in contrast.
 */
public final class Waterfall extends CanvasPane {

    private static final Map<Layer, Color> COLOURS = Map.of(
            Layer.USER, Color.web("#f76707"), Layer.SOCKET, Color.web("#fab005"), Layer.TCP, Color.web("#40c057"),
            Layer.IP, Color.web("#15aabf"), Layer.NETFILTER, Color.web("#7950f2"), Layer.DEVICE, Color.web("#868e96"),
            Layer.BPF, Color.web("#e64980"), Layer.SCHEDULER, Color.web("#364fc7"));

    /** Tick spacings of the time axis, in µs: the first that leaves room between labels. */
    private static final double[] TICK_US = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000};

    private static final double HEIGHT = 96;
    private static final double PRESENTER_HEIGHT = 116;

    private final Text measure = new Text();
    private List<String> lanes = List.of();
    private List<String> modes = List.of();
    private List<List<StageVisit>> requests = List.of();
    private boolean presenter;
    private javafx.beans.value.ObservableValue<Number> windowHeight;

    public Waterfall() {
        setMinHeight(60);
        setPrefHeight(HEIGHT);
    }

    /** Shows one request per lane; each lane is named, and coloured after its mode. */
    public void show(List<String> laneNames, List<String> laneModes, List<List<StageVisit>> laneVisits) {
        this.lanes = List.copyOf(laneNames);
        this.modes = List.copyOf(laneModes);
        this.requests = laneVisits.stream().map(List::copyOf).toList();
        draw();
    }

    /** Large type and high contrast, as the diagrams have for a projector. */
    public void setPresenter(boolean on) {
        presenter = on;
        fitHeight();
        requestLayout();
        draw();
    }

    /**
     * Presenter height only where the window has room for it: on a short projector (1280x720) the panes'
     * diagrams need every pixel, and the waterfall's type stays large at its plain height.
     */
    void fitWindowHeight(javafx.beans.value.ObservableValue<Number> windowHeight) {
        this.windowHeight = windowHeight;
        windowHeight.addListener((o, was, now) -> fitHeight());
        fitHeight();
    }

    private void fitHeight() {
        boolean roomy = windowHeight == null || windowHeight.getValue().doubleValue() >= ChartsPanel.TALL_ENOUGH_FOR_CHARTS;
        setPrefHeight(presenter && roomy ? PRESENTER_HEIGHT : HEIGHT);
    }

    private double fontSize() {
        return presenter ? 17 : 12;
    }

    private double textWidth(String text) {
        measure.setText(text);
        measure.setFont(Font.font("SansSerif", fontSize()));
        return measure.getLayoutBounds().getWidth();
    }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Color ink = presenter ? Color.WHITE : Color.web("#222222");
        Color faint = presenter ? Color.web("#bbbbbb") : Color.web("#555555");
        g.setFill(presenter ? Color.BLACK : Color.web("#fafafa"));
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
        double left = lanes.stream().mapToDouble(this::textWidth).max().orElse(0) + 24;
        double scale = (w - left - 20) / span;
        double legend = fontSize() * 1.8;
        double laneHeight = (h - legend - 4) / lanes.size();
        g.setTextBaseline(VPos.CENTER);
        double axisText = drawTicks(g, faint, left, scale, span, h - legend);
        for (int lane = 0; lane < lanes.size(); lane++) {
            double y = 4 + lane * laneHeight;
            Color mode = ModeColors.of(modes.get(lane));
            g.setFont(Font.font("SansSerif", FontWeight.BOLD, fontSize()));
            g.setFill(presenter ? mode.brighter() : mode);
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
            g.setStroke(presenter ? mode.brighter() : mode);
            g.setLineWidth(presenter ? 3 : 2);
            double x = left + (last.exitNs() - start) * scale;
            g.strokeLine(x, y, x, y + laneHeight - 2);
        }
        g.setFont(Font.font("SansSerif", fontSize()));
        g.setTextAlign(TextAlignment.LEFT);
        double x = left;
        double y = h - legend / 2;
        for (Layer layer : PathDiagram.ROWS) {
            double size = fontSize() * 0.8;
            if (x + size + 3 + textWidth(layer.label()) > w - axisText - 16) {
                break; // the axis's own text first: a narrow window loses the last layers' keys
            }
            g.setFill(COLOURS.get(layer));
            g.fillRect(x, y - size / 2, size, size);
            g.setFill(faint);
            g.fillText(layer.label(), x + size + 3, y);
            x += size + 14 + textWidth(layer.label());
        }
    }

    /**
     * Light lines across the lanes at round µs, and at the foot's right what they are.
     *
     * @return the width of that text
     */
    private double drawTicks(GraphicsContext g, Color faint, double left, double scale, double spanNs, double bottom) {
        double room = textWidth("00000 µs") * 1.5;
        double stepUs = TICK_US[TICK_US.length - 1];
        for (double candidate : TICK_US) {
            if (candidate * 1000 * scale >= room) {
                stepUs = candidate;
                break;
            }
        }
        g.setLineWidth(1);
        g.setStroke(presenter ? Color.web("#333333") : Color.web("#e3e3e3"));
        for (double us = 0; us * 1000 <= spanNs; us += stepUs) {
            double x = left + us * 1000 * scale;
            g.strokeLine(x, 2, x, bottom);
        }
        String text = String.format(Locale.ROOT, "0 … %.1f µs, a line every %,.0f µs", spanNs / 1000.0, stepUs);
        g.setFill(faint);
        g.setFont(Font.font("SansSerif", fontSize()));
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(text, canvas.getWidth() - 6, bottom + fontSize() * 0.9);
        return textWidth(text);
    }
}
