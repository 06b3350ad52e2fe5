package org.stacklab.ui;

import java.util.List;
import javafx.scene.chart.ValueAxis;

/**
 * The y axis of a latency distribution, 0 to 100 % of requests, with its ticks and grid lines only
 * where a reader looks up a percentile by name: p10, p50 and p90. (A tick every 10 % would be
 * thinned out by the chart on a short screen, p50 with it; so would a label at 100 % beside p90.)
 */
final class PercentileAxis extends ValueAxis<Number> {

    static final List<Number> TICKS = List.of(10.0, 50.0, 90.0);

    PercentileAxis() {
        super(0, 100);
        setMinorTickVisible(false);
        setAutoRanging(false);
    }

    /** A tick's label: "p10", "p50", "p90". */
    static String label(double percent) {
        return "p" + Math.round(percent);
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        return TICKS;
    }

    @Override
    protected List<Number> calculateMinorTickMarks() {
        return List.of();
    }

    @Override
    protected String getTickMarkLabel(Number value) {
        return label(value.doubleValue());
    }

    @Override
    protected Object getRange() {
        return new double[] {getLowerBound(), getUpperBound()};
    }

    @Override
    protected void setRange(Object range, boolean animate) {
        double[] bounds = (double[]) range;
        setLowerBound(bounds[0]);
        setUpperBound(bounds[1]);
        currentLowerBound.set(bounds[0]);
        setScale(calculateNewScale(getHeight(), bounds[0], bounds[1]));
    }
}
