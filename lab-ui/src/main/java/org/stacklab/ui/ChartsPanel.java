package org.stacklab.ui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
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
 * time goes by segment. The distribution's y axis marks p10, p50 and p90 ({@link PercentileAxis});
 * its x axis can be logarithmic, so that a measured tail of milliseconds and a median of
 * microseconds fit one chart.
 */
final class ChartsPanel extends VBox {

    /** Below this window height the charts start folded. */
    static final double TALL_ENOUGH_FOR_CHARTS = 900;

    /** The log axis starts no lower than 1 µs: no round trip here is faster. */
    private static final double LOG_FLOOR_US = 1;

    private final Label stats = new Label();
    private final NumberAxis microseconds = new NumberAxis();
    private final PercentileAxis percent = new PercentileAxis();
    private final LineChart<Number, Number> cdf = new LineChart<>(microseconds, percent);
    private final javafx.scene.control.CheckBox logScale = new javafx.scene.control.CheckBox("log µs (whole tail)");
    private List<ChartData> plotted = List.of();
    private final StackedBarChart<String, Number> breakdown = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    /** A recording's sweep: a figure against its workloads, per mode; shown only when one is open. */
    private final LineChart<String, Number> sweep = new LineChart<>(new CategoryAxis(), new NumberAxis());
    private final TitledPane folding;

    ChartsPanel() {
        super(4);
        cdf.setId("latency-cdf");
        cdf.setTitle("Latency distribution: the share of requests faster than x µs");
        cdf.getXAxis().setLabel("µs");
        cdf.getYAxis().setLabel("%"); // a long axis label is cut short on a short chart in presenter style
        cdf.setCreateSymbols(false);
        cdf.setAnimated(false);
        logScale.setId("cdf-log-x");
        logScale.setOnAction(e -> plot(plotted));
        breakdown.setId("breakdown");
        breakdown.setTitle("Where the time goes (µs per request, by segment)");
        breakdown.setAnimated(false);
        breakdown.setLegendSide(Side.RIGHT);
        VBox distribution = new VBox(0, logScale, cdf);
        VBox.setVgrow(cdf, Priority.ALWAYS);
        sweep.setId("sweep");
        sweep.setAnimated(false);
        sweep.setLegendSide(Side.RIGHT);
        sweep.setCreateSymbols(false);
        sweep.setVisible(false);
        sweep.setManaged(false);
        HBox charts = new HBox(8, distribution, breakdown, sweep);
        HBox.setHgrow(distribution, Priority.ALWAYS);
        HBox.setHgrow(breakdown, Priority.ALWAYS);
        HBox.setHgrow(sweep, Priority.ALWAYS);
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
        plotted = List.copyOf(panes);
        cdf.getData().clear();
        breakdown.getData().clear();
        boolean log = logScale.isSelected();
        scaleMicroseconds(panes, log);
        for (ChartData pane : panes) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(pane.label() + percentiles(pane.cdf()));
            for (double[] point : pane.cdf()) {
                // Linear, up to p99.9: one slow outlier would squeeze the rest into a corner; log holds it all.
                if (log || point[0] < 100) {
                    series.getData().add(new XYChart.Data<>(log ? Math.log10(Math.max(point[1], LOG_FLOOR_US)) : point[1],
                            point[0]));
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
                series.getData().add(new XYChart.Data<>(pane.label(), pane.segments().us(segment)));
            }
            breakdown.getData().add(series);
        }
        stats.setText(String.join("   ", panes.stream().map(ChartData::summary).toList()));
    }

    /**
     * Shows a recording's sweep beside the other charts (each mode in its colour, measured solid, the model
     * dashed), or hides it.
     */
    void showSweep(Optional<RecordedSweep> recorded) {
        sweep.getData().clear();
        sweep.setVisible(recorded.isPresent());
        sweep.setManaged(recorded.isPresent());
        recorded.ifPresent(r -> {
            sweep.setTitle("Recorded sweep (dashed: model)");
            sweep.getYAxis().setLabel(r.figure());
            sweep.getXAxis().setLabel(r.factor());
            r.curves().forEach((mode, points) -> {
                for (boolean model : new boolean[] {false, true}) {
                    XYChart.Series<String, Number> series = new XYChart.Series<>();
                    series.setName(mode + (model ? ", model" : ", measured"));
                    for (double[] p : points) {
                        series.getData().add(new XYChart.Data<>(r.workloads().get((int) p[0]), model ? p[2] : p[1]));
                    }
                    sweep.getData().add(series);
                    series.getNode().setStyle("-fx-stroke: " + ModeColors.css(mode) + ";"
                            + (model ? " -fx-stroke-dash-array: 8 5;" : ""));
                }
            });
            // A series is named "mode, measured" or "mode, model": the model's mark hollow, as its line is dashed.
            javafx.application.Platform.runLater(() -> colourLegend(sweep,
                    text -> Optional.of(text.substring(0, text.lastIndexOf(','))), text -> text.endsWith("model")));
        });
    }

    /** Whether a recording's sweep is shown. */
    boolean sweepShown() {
        return sweep.isVisible();
    }

    /** Whether the distribution's x axis is logarithmic. */
    boolean logScale() {
        return logScale.isSelected();
    }

    void setLogScale(boolean log) {
        logScale.setSelected(log);
        plot(plotted);
    }

    /**
     * Linear: the axis finds its own range. Logarithmic: the plotted values are log10(µs) on a linear axis
     * whose ticks, one per decade, are labelled in µs.
     */
    private void scaleMicroseconds(List<ChartData> panes, boolean log) {
        microseconds.setLabel(log ? "µs (log)" : "µs");
        microseconds.setAutoRanging(!log);
        microseconds.setMinorTickVisible(!log);
        if (!log) {
            microseconds.setTickLabelFormatter(null);
            return;
        }
        double fastest = panes.stream().flatMap(p -> p.cdf().stream()).mapToDouble(point -> point[1]).min().orElse(1);
        double slowest = panes.stream().flatMap(p -> p.cdf().stream()).mapToDouble(point -> point[1]).max().orElse(1000);
        microseconds.setLowerBound(Math.floor(Math.log10(Math.max(fastest, LOG_FLOOR_US))));
        microseconds.setUpperBound(Math.max(Math.ceil(Math.log10(Math.max(slowest, LOG_FLOOR_US))),
                microseconds.getLowerBound() + 1));
        microseconds.setTickUnit(1);
        microseconds.setTickLabelFormatter(tickLabels(decade -> String.format(Locale.ROOT, "%,.0f", Math.pow(10, decade))));
    }

    private static javafx.util.StringConverter<Number> tickLabels(java.util.function.DoubleFunction<String> label) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number tick) {
                return label.apply(tick.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("tick labels are only shown");
            }
        };
    }

    /** The CDF's legend symbols in the modes' colours (the chart gives them its own palette's). */
    private void colourLegend(List<ChartData> panes) {
        colourLegend(cdf, text -> panes.stream().filter(p -> text.startsWith(p.label() + " ")).findFirst()
                .map(ChartData::mode), text -> true);
    }

    /** Gives each legend entry its mode's colour, a ring where {@code hollow} says so, else a filled mark. */
    private static void colourLegend(XYChart<?, ?> chart, Function<String, Optional<String>> modeOf,
                                     Predicate<String> hollow) {
        for (javafx.scene.Node item : chart.lookupAll(".chart-legend-item")) {
            if (item instanceof Label entry && entry.getGraphic() != null) {
                modeOf.apply(entry.getText()).ifPresent(mode -> entry.getGraphic().setStyle("-fx-background-color: "
                        + ModeColors.css(mode) + ", " + (hollow.test(entry.getText()) ? "white" : ModeColors.css(mode))
                        + ";"));
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
