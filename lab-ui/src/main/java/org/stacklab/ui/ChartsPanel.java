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
        cdf.getXAxis().setLabel("µs");
        cdf.getYAxis().setLabel("%"); // a long axis label is cut short on a short chart in presenter style
        cdf.setCreateSymbols(false);
        cdf.setAnimated(false);
        logScale.setId("cdf-log-x");
        logScale.setOnAction(e -> plot(plotted));
        breakdown.setId("breakdown");
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
        titleCharts(false);
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
        List<String> colours = strokes(panes);
        for (int i = 0; i < panes.size(); i++) {
            ChartData pane = panes.get(i);
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
            series.getNode().setStyle("-fx-stroke: " + colours.get(i) + ";"
                    + (pane.measuredHere() ? " -fx-stroke-dash-array: 8 5;" : ""));
        }
        javafx.application.Platform.runLater(() -> colourLegend(cdf, text -> {
            for (int i = 0; i < panes.size(); i++) {
                if (text.startsWith(panes.get(i).label() + " ")) {
                    return Optional.of(colours.get(i));
                }
            }
            return Optional.empty();
        }, text -> true));
        for (Segment segment : Segment.values()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(segment.shortLabel());
            for (ChartData pane : panes) {
                series.getData().add(new XYChart.Data<>(pane.label(), pane.segments().us(segment)));
            }
            breakdown.getData().add(series);
        }
        stats.setText(String.join("   ", panes.stream().map(ChartData::summary).toList()));
        // The legend names segments briefly, to fit beside the bars when three charts share the row; in full on hover.
        javafx.application.Platform.runLater(() -> {
            for (javafx.scene.Node item : breakdown.lookupAll(".chart-legend-item")) {
                if (item instanceof Label entry) {
                    java.util.Arrays.stream(Segment.values()).filter(seg -> seg.shortLabel().equals(entry.getText()))
                            .findFirst().ifPresent(seg -> entry.setTooltip(new javafx.scene.control.Tooltip(seg.label())));
                }
            }
        });
    }

    /**
     * Each pane's line colour: its mode's, and darker where an earlier pane of the same kind (both modelled or
     * both measured) already has that colour (two panes of one mode, or of a mode and its variant), so that the
     * two lines stay apart.
     */
    private static List<String> strokes(List<ChartData> panes) {
        List<String> strokes = new java.util.ArrayList<>();
        for (int i = 0; i < panes.size(); i++) {
            String colour = ModeColors.css(panes.get(i).mode());
            boolean taken = false;
            for (int j = 0; j < i; j++) {
                taken |= panes.get(j).measuredHere() == panes.get(i).measuredHere()
                        && ModeColors.css(panes.get(j).mode()).equals(colour);
            }
            strokes.add(taken ? "derive(" + colour + ", -45%)" : colour);
        }
        return strokes;
    }

    /**
     * Shows a recording's sweep beside the other charts (each mode in its colour, measured solid, the model
     * dashed), or hides it.
     */
    void showSweep(Optional<RecordedSweep> recorded) {
        sweep.getData().clear();
        sweep.setVisible(recorded.isPresent());
        sweep.setManaged(recorded.isPresent());
        titleCharts(recorded.isPresent());
        recorded.ifPresent(r -> {
            sweep.setTitle("Sweep (dashed: model)");
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
                    text -> Optional.of(ModeColors.css(text.substring(0, text.lastIndexOf(',')))),
                    text -> text.endsWith("model")));
        });
    }

    /** The charts' titles: in full, or in a few words when three charts share the row (in presenter style too). */
    private void titleCharts(boolean threeCharts) {
        cdf.setTitle(threeCharts ? "Latency distribution" : "Latency distribution: the share of requests faster than x µs");
        breakdown.setTitle(threeCharts ? "Where the time goes (µs)" : "Where the time goes (µs per request, by segment)");
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

    /**
     * Gives each legend entry its line's colour (the chart gives them its own palette's), a ring where
     * {@code hollow} says so, else a filled mark.
     */
    private static void colourLegend(XYChart<?, ?> chart, Function<String, Optional<String>> colourOf,
                                     Predicate<String> hollow) {
        for (javafx.scene.Node item : chart.lookupAll(".chart-legend-item")) {
            if (item instanceof Label entry && entry.getGraphic() != null) {
                colourOf.apply(entry.getText()).ifPresent(colour -> entry.getGraphic().setStyle(
                        "-fx-background-color: " + colour + ", " + (hollow.test(entry.getText()) ? "white" : colour)
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
