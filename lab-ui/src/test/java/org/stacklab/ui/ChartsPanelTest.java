package org.stacklab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stacklab.sim.report.SegmentTimes;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The latency distribution: percentiles marked where a reader looks for them, and a log axis for tails. */
@ExtendWith(ApplicationExtension.class)
class ChartsPanelTest {

    private ChartsPanel charts;

    /** A model's distribution (0 … 100 %) and a measurement whose slowest round trip is 100 times its median. */
    private static final List<ChartData> PANES = List.of(
            new ChartData("sidecar", false, "sidecar", List.of(new double[] {0, 80}, new double[] {10, 90},
                    new double[] {50, 100}, new double[] {90, 115}, new double[] {99.9, 140}, new double[] {100, 160}),
                    SegmentTimes.read(Map.of("proxy", 40.0, "wakeup", 50.0)), "simulated"),
            new ChartData("sidecar", true, "sidecar (measured)", List.of(new double[] {50, 230}, new double[] {90, 300},
                    new double[] {99, 730}, new double[] {99.9, 7900}, new double[] {100, 23_000}),
                    SegmentTimes.read(Map.of("proxy", 6.6, "wakeup", 225.0)), "measured"));

    @Start
    void start(javafx.stage.Stage stage) {
        charts = new ChartsPanel();
        stage.setScene(new Scene(charts, 1200, 400));
        stage.show();
    }

    private LineChart<Number, Number> cdf(FxRobot robot) {
        return robot.lookup("#latency-cdf").queryAs(LineChart.class);
    }

    private static List<String> tickLabels(NumberAxis axis) {
        return axis.getTickMarks().stream().map(tick -> axis.getTickLabelFormatter().toString(tick.getValue()))
                .filter(label -> !label.isEmpty()).toList();
    }

    @Test
    void theYAxisHasTicksOnlyAtP10P50AndP90(FxRobot robot) {
        robot.interact(() -> charts.plot(PANES));
        robot.interact(() -> cdf(robot).layout());
        javafx.scene.chart.ValueAxis<Number> axis = (javafx.scene.chart.ValueAxis<Number>) cdf(robot).getYAxis();
        assertEquals(List.of("p10", "p50", "p90"), axis.getTickMarks().stream()
                .map(t -> PercentileAxis.label(t.getValue().doubleValue())).toList());
        assertTrue(axis.getDisplayPosition(50) < axis.getDisplayPosition(10), "p50 above p10");
        assertEquals(axis.getDisplayPosition(0) / 2, axis.getDisplayPosition(50), 1.0, "p50 half way up");
    }

    @Test
    void aLogAxisHoldsTheWholeMeasuredTailAndIsLabelledInMicroseconds(FxRobot robot) {
        robot.interact(() -> charts.plot(PANES));
        XYChart.Series<Number, Number> measured = cdf(robot).getData().get(1);
        assertEquals(4, measured.getData().size(), "linear: up to p99.9, the slowest left out");
        assertEquals(7900, measured.getData().get(3).getXValue().doubleValue(), 1e-9);

        robot.clickOn("#cdf-log-x");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(charts.logScale());
        measured = cdf(robot).getData().get(1);
        assertEquals(5, measured.getData().size(), "log: the whole tail, to the slowest round trip");
        assertEquals(Math.log10(23_000), measured.getData().get(4).getXValue().doubleValue(), 1e-9);
        NumberAxis axis = (NumberAxis) cdf(robot).getXAxis();
        assertEquals(1, axis.getLowerBound(), "from the decade of the fastest (80 µs)");
        assertEquals(5, axis.getUpperBound(), "to the decade above the slowest (23 ms)");
        robot.interact(() -> cdf(robot).layout());
        assertEquals(List.of("10", "100", "1,000", "10,000", "100,000"), tickLabels(axis));

        robot.interact(() -> charts.setLogScale(false));
        assertEquals(7900, cdf(robot).getData().get(1).getData().get(3).getXValue().doubleValue(), 1e-9,
                "back to µs");
    }
}
