package org.stacklab.ui;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Side;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.stacklab.sim.stack.Segment;

/**
 * Below the panes: the statistics line and, in a pane that folds on short screens, the latency
 * distribution of both panes' modes (each in its mode's colour, a measurement dashed) and where the
 * time goes by segment.
 */
final class ChartsPanel extends VBox {

    /** Below this window height the charts start folded. */
    static final double TALL_ENOUGH_FOR_CHARTS = 900;

    private final Label stats = new Label();
    private final LineChart<Number, Number> cdf = new LineChart<>(new NumberAxis(), new NumberAxis(0, 100, 10));
    private final StackedBarChart<String, Number> breakdown = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final TitledPane folding;

    ChartsPanel() {
        super(4);
        cdf.setId("latency-cdf");
        cdf.setTitle("Latency distribution: % of requests faster than x µs (to p99.9)");
        cdf.getXAxis().setLabel("µs");
        cdf.getYAxis().setLabel("%"); // a long axis label is cut short on a short chart in presenter style
        cdf.setCreateSymbols(false);
        cdf.setAnimated(false);
        breakdown.setId("breakdown");
        breakdown.setTitle("Where the time goes (µs per request, by segment)");
        breakdown.setAnimated(false);
        breakdown.setLegendSide(Side.RIGHT);
        HBox charts = new HBox(8, cdf, breakdown);
        HBox.setHgrow(cdf, Priority.ALWAYS);
        HBox.setHgrow(breakdown, Priority.ALWAYS);
        charts.setPrefHeight(280);
        stats.setId("stats");
        stats.setWrapText(true);
        stats.setMinHeight(Region.USE_PREF_SIZE);
        folding = new TitledPane("Charts: the latency distribution and where the time goes", charts);
        folding.setId("charts");
        folding.setAnimated(false);
        getChildren().addAll(stats, folding);
    }

    /** Folds the charts when the window is short (1280x720, 1366x768), so that the panes keep their room. */
    void foldBelow(javafx.beans.value.ObservableValue<Number> windowHeight) {
        windowHeight.addListener((o, was, now) -> {
            boolean tall = now.doubleValue() >= TALL_ENOUGH_FOR_CHARTS;
            if (was.doubleValue() == 0 || tall != was.doubleValue() >= TALL_ENOUGH_FOR_CHARTS) {
                folding.setExpanded(tall);
            }
        });
    }

    /** Hides the figures while a lesson's question is open. */
    void setFiguresHidden(boolean hidden) {
        stats.setVisible(!hidden);
        folding.setVisible(!hidden);
    }

    void plot(List<ChartData> panes) {
        cdf.getData().clear();
        breakdown.getData().clear();
        for (ChartData pane : panes) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(pane.label() + percentiles(pane.cdf()));
            for (double[] point : pane.cdf()) {
                if (point[0] < 100) { // up to p99.9: one slow outlier would squeeze the rest into a corner
                    series.getData().add(new XYChart.Data<>(point[1], point[0]));
                }
            }
            cdf.getData().add(series);
            // The mode's own colour, as in its diagram; a measurement dashed beside the model's solid line.
            series.getNode().setStyle("-fx-stroke: " + ModeColors.css(pane.mode()) + ";"
                    + (pane.measuredHere() ? " -fx-stroke-dash-array: 8 5;" : ""));
        }
        javafx.application.Platform.runLater(() -> colourLegend(panes));
        for (Segment segment : Segment.values()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(segment.label());
            for (ChartData pane : panes) {
                series.getData().add(new XYChart.Data<>(pane.label(), pane.segments().getOrDefault(segment.key(), 0.0)));
            }
            breakdown.getData().add(series);
        }
        stats.setText(String.join("   ", panes.stream().map(ChartData::summary).toList()));
    }

    /** The CDF's legend symbols in the modes' colours (the chart gives them its own palette's). */
    private void colourLegend(List<ChartData> panes) {
        for (javafx.scene.Node item : cdf.lookupAll(".chart-legend-item")) {
            if (item instanceof Label entry && entry.getGraphic() != null) {
                panes.stream().filter(p -> entry.getText().startsWith(p.label() + " ")).findFirst().ifPresent(p ->
                        entry.getGraphic().setStyle("-fx-background-color: " + ModeColors.css(p.mode()) + ", white;"));
            }
        }
    }

    /** "  p50 … · p90 … · p99 … µs" from a CDF's points. */
    private static String percentiles(List<double[]> cdf) {
        StringBuilder text = new StringBuilder();
        for (double p : new double[] {50, 90, 99}) {
            cdf.stream().filter(point -> point[0] == p).findFirst().ifPresent(point ->
                    text.append(text.length() == 0 ? "  " : " · ").append(String.format(Locale.ROOT, "p%.0f %.1f", p,
                            point[1])));
        }
        return text.append(" µs").toString();
    }
}
