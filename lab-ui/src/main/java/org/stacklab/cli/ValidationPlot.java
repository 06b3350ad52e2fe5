package org.stacklab.cli;

import java.util.Locale;
import org.stacklab.sim.scale.GrowthPlot;
import org.stacklab.ui.ModeColors;

/**
 * A validation as a self-contained SVG picture: a bar per prediction, its error against the measurement,
 * in its mode's colour, with the band a prediction must stay within drawn behind it (±15 % for p50 and
 * throughput, ±20 % for p90); errors beyond the axis are clipped, their value written at the bar's end.
 */
final class ValidationPlot {

    private static final int WIDTH = 900;
    private static final int LABEL = 330;
    private static final int ROW = 17;
    private static final int TOP = 60;
    private static final int BOTTOM = 40;
    /** The axis runs from -100 % (predicted nothing) to +200 % (three times the measurement). */
    private static final double LOW = -1.0;
    private static final double HIGH = 2.0;

    private ValidationPlot() {
    }

    static String svg(Validation validation, String title) {
        int rows = validation.checks().size();
        int height = TOP + rows * ROW + BOTTOM;
        int plotWidth = WIDTH - LABEL - 40;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">The model's"
                + " error against the measurement (%s)</text>%n", GrowthPlot.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"44\">%d of %d within their bounds; the band is the"
                + " bound: p50 and Gbit/s ±15 %%, p90 ±20 %%%s</text>%n", validation.withinBounds(), rows,
                validation.unsteady() == 0 ? "" : "; grey: unsteady, the lab's own rounds further apart than the bound"));
        for (double tick = LOW; tick <= HIGH + 1e-9; tick += 0.5) {
            double x = x(tick, plotWidth);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%+.0f %%</text>%n", x, TOP - 4, x,
                    TOP + rows * ROW, tick == 0 ? "#333" : "#ddd", x, TOP + rows * ROW + 16, 100 * tick));
        }
        for (int i = 0; i < rows; i++) {
            Validation.Check c = validation.checks().get(i);
            int y = TOP + i * ROW;
            double bound = c.figure().bound();
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                    + " fill=\"#e8f4e8\"/>%n", x(-bound, plotWidth), y, x(bound, plotWidth) - x(-bound, plotWidth), ROW));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>%s</text>%n", LABEL - 8,
                    y + ROW - 4, c.steady() ? "" : " fill=\"#888\"", GrowthPlot.escape(c.placement() + " · " + c.mode()
                            + " · " + c.workload() + " · " + c.figure().label().replace(", µs", ""))));
            double error = c.error();
            double clipped = Math.max(LOW, Math.min(HIGH, error));
            double from = Math.min(x(0, plotWidth), x(clipped, plotWidth));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\""
                    + "%s/>%n", from, y + 3, Math.abs(x(clipped, plotWidth) - x(0, plotWidth)), ROW - 6,
                    ModeColors.css(c.mode()), c.within() ? "" : " stroke=\"#b00\" stroke-width=\"1.5\""));
            if (clipped != error) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" fill=\"white\">"
                        + "%+.0f %%</text>%n", x(clipped, plotWidth) - 4, y + ROW - 4, 100 * error));
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double x(double error, int plotWidth) {
        return LABEL + plotWidth * (error - LOW) / (HIGH - LOW);
    }
}
