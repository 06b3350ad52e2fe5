package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.engine.CpuPlacement;

class ValidationTest {

    private static Validation.Check check(Validation.Figure figure, double predicted, double measured) {
        return new Validation.Check(CpuPlacement.SPREAD, "direct", "4 connections", figure, predicted, measured, null);
    }

    @Test
    void aPredictionIsWithinItsFiguresBoundOrNot() {
        assertTrue(check(Validation.Figure.P50, 115, 100).within(), "+15 % is the p50's bound");
        assertFalse(check(Validation.Figure.P50, 116, 100).within());
        assertTrue(check(Validation.Figure.P90, 80, 100).within(), "-20 % is the p90's bound");
        assertFalse(check(Validation.Figure.GBIT_PER_SECOND, 8, 10).within(), "throughput's is ±15 %");
        assertEquals(-0.2, check(Validation.Figure.P90, 80, 100).error(), 1e-12);
    }

    @Test
    void roundsCombineByTheirMedians() {
        List<List<Validation.Check>> rounds = List.of(List.of(check(Validation.Figure.P50, 10, 100)),
                List.of(check(Validation.Figure.P50, 30, 300)), List.of(check(Validation.Figure.P50, 20, 120)));
        Validation.Check median = Validation.medians(rounds).get(0);
        assertEquals(20, median.predicted());
        assertEquals(120, median.measured());
        assertEquals(200 / 120.0, median.roundsApart(), 1e-12, "(largest − smallest) ÷ median");
        assertFalse(median.steady(), "rounds further apart than the p50's ±15 %");
        List<List<Validation.Check>> close = List.of(List.of(check(Validation.Figure.P50, 10, 100)),
                List.of(check(Validation.Figure.P50, 10, 110)));
        assertTrue(Validation.medians(close).get(0).steady(), "10 ÷ 105 apart, within ±15 %");
    }

    @Test
    void theTableMarksAFigureWhoseRoundsDisagreeBeyondItsBound() {
        Validation v = new Validation(Validation.SCHEMA, "test", List.of(
                new Validation.Check(CpuPlacement.SPREAD, "direct", "4 connections", Validation.Figure.P50, 100, 100,
                        0.4, 0.21),
                check(Validation.Figure.P90, 100, 100)));
        String table = v.table();
        assertTrue(table.contains("21 %     40 % unsteady"), "the host's steal beside the rounds' spread: " + table);
        assertTrue(table.contains("1 of the 2 figures were unsteady"), table);
        String svg = ValidationPlot.svg(v, "test");
        assertEquals(1, svg.split("fill=\"#888\"", -1).length - 1, "the unsteady figure's label in grey: " + svg);
        assertTrue(svg.contains("grey: unsteady"), svg);
    }

    @Test
    void theTableAndThePictureShowEveryCheckAndTheCount() {
        Validation v = new Validation(Validation.SCHEMA, "test", List.of(check(Validation.Figure.P50, 105, 100),
                check(Validation.Figure.GBIT_PER_SECOND, 5, 10)));
        String table = v.table();
        assertTrue(table.contains("+5.0%") && table.contains("-50.0%") && table.contains("NO ±15"), table);
        assertTrue(table.contains("1 of 2 predictions within their bounds"), table);
        String svg = ValidationPlot.svg(v, "test");
        assertEquals(2 * 2, svg.split("<rect x=", -1).length - 1, "a band and a bar per check: " + svg);
        assertTrue(svg.contains("1 of 2 within their bounds"), svg);
    }
}
