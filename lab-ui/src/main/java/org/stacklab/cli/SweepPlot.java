package org.stacklab.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stacklab.sim.run.Sweep;
import org.stacklab.sim.scale.GrowthPlot;
import org.stacklab.ui.ModeColors;

/**
 * A sweep as a self-contained SVG picture: p50 (a stream's Gbit/s) against the swept factor, a line per mode in the lab's
 * mode colours, the model dashed and the measurement solid. The values sit evenly spaced (a sweep's
 * values are usually a geometric series: 1, 4, 16).
 */
final class SweepPlot {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 460;
    private static final int LEFT = 80;
    private static final int RIGHT = 210;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private SweepPlot() {
    }

    static String svg(Sweep sweep, SweepCommand.Figure figure, Map<String, List<SweepCommand.Point>> curves,
                      String title) {
        double top = 0;
        for (List<SweepCommand.Point> points : curves.values()) {
            for (SweepCommand.Point p : points) {
                top = Math.max(top, Math.max(figure.of(p, false), p.measured() == null ? 0 : figure.of(p, true)));
            }
        }
        double yMax = GrowthPlot.niceCeiling(top);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int n = sweep.values().size();
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"13\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s against"
                + " %s (%s)</text>%n", LEFT, figure.label, sweep.factor().unit(), GrowthPlot.escape(title)));
        for (int tick = 0; tick <= 4; tick++) {
            double y = TOP + plotHeight - plotHeight * tick / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, LEFT + plotWidth, y,
                    LEFT - 8, y + 4, ReportTable.fmt(yMax * tick / 4)));
        }
        for (int i = 0; i < n; i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x(i, n, plotWidth), TOP + plotHeight + 20, Sweep.label(sweep.values().get(i))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotWidth / 2, HEIGHT - 15, sweep.factor().unit()));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(22,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "%s</text>%n", TOP + plotHeight / 2, figure.label));
        int legend = 0;
        for (Map.Entry<String, List<SweepCommand.Point>> curve : curves.entrySet()) {
            String colour = ModeColors.css(curve.getKey());
            List<SweepCommand.Point> points = curve.getValue();
            boolean measured = points.stream().allMatch(p -> p.measured() != null);
            svg.append(line(points, figure, n, plotWidth, plotHeight, yMax, false, colour));
            if (measured) {
                svg.append(line(points, figure, n, plotWidth, plotHeight, yMax, true, colour));
            }
            for (String kind : measured ? List.of("model", "measured") : List.of("model")) {
                int y = TOP + 10 + legend++ * 22;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                        + " stroke-width=\"3\"%s/><text x=\"%d\" y=\"%d\">%s, %s</text>%n", WIDTH - RIGHT + 20, y,
                        WIDTH - RIGHT + 44, y, colour, kind.equals("model") ? " stroke-dasharray=\"6 4\"" : "",
                        WIDTH - RIGHT + 50, y + 4, GrowthPlot.escape(curve.getKey()), kind));
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String line(List<SweepCommand.Point> points, SweepCommand.Figure figure, int n, int plotWidth,
                               int plotHeight, double yMax, boolean measured, String colour) {
        StringBuilder xy = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            double us = figure.of(points.get(i), measured);
            xy.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, n, plotWidth),
                    TOP + plotHeight - plotHeight * us / yMax));
        }
        return String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"%s/>%n",
                xy.toString().strip(), colour, measured ? "" : " stroke-dasharray=\"6 4\"");
    }

    private static double x(int i, int n, int plotWidth) {
        return LEFT + (n == 1 ? plotWidth / 2.0 : plotWidth * (0.05 + 0.9 * i / (n - 1)));
    }
}
