package org.stacklab.sim.scale;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the proxies' memory grows with the cluster, one line per published set, as a self-contained
 * SVG picture (for a slide or a handout; no library needed to draw or to open it).
 */
public final class GrowthPlot {

    private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 460;
    private static final int LEFT = 80;
    private static final int RIGHT = 250;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private GrowthPlot() {
    }

    /**
     * The picture of memory (GB) against nodes.
     *
     * @param nodes the cluster sizes to plot, ascending
     */
    public static String svg(ClusterBill.Assumptions assumptions, long[] nodes, long podsPerNode, double rpsPerPod) {
        double top = 0;
        for (long n : nodes) {
            for (ClusterBill.Line line : ClusterBill.bills(assumptions, n, podsPerNode, rpsPerPod)) {
                top = Math.max(top, line.memoryGb());
            }
        }
        double yMax = niceCeiling(top);
        double xMax = nodes[nodes.length - 1];
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"13\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">"
                + "The proxies' memory as the cluster grows (%d pods per node, %s requests/s each)</text>%n", LEFT,
                podsPerNode, trim(rpsPerPod)));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 5; i++) {
            double value = yMax * i / 5;
            double y = TOP + plotHeight - plotHeight * i / 5.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, LEFT + plotWidth, y,
                    LEFT - 8, y + 4, trim(value)));
        }
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (long n : nodes) {
            double x = LEFT + plotWidth * n / xMax;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>%n",
                    x, TOP + plotHeight, x, TOP + plotHeight + 5));
            if (x - lastLabel >= 30) { // labels of sizes close together would overlap
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x,
                        TOP + plotHeight + 20, n));
                lastLabel = x;
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">nodes</text>%n",
                LEFT + plotWidth / 2, HEIGHT - 15));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(22,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "memory of all proxies, GB</text>%n", TOP + plotHeight / 2));
        int colour = 0;
        for (Map.Entry<String, ProxyCosts> set : assumptions.sets().entrySet()) {
            String stroke = COLOURS[colour % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (long n : nodes) {
                ClusterBill.Line line = ClusterBill.bill(set.getKey(), set.getValue(), n, podsPerNode, rpsPerPod);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotWidth * n / xMax,
                        TOP + plotHeight - plotHeight * line.memoryGb() / yMax));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"2.5\"/>%n", points.toString().strip(), stroke));
            int legendY = TOP + 10 + colour * 22;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"3\"/><text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 20, legendY,
                    WIDTH - RIGHT + 44, legendY, stroke, WIDTH - RIGHT + 50, legendY + 4, escape(set.getKey())));
            colour++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The cluster sizes the growth table and plot show. */
    public static long[] defaultNodes() {
        return List.of(10L, 50L, 100L, 250L, 500L, 1000L).stream().mapToLong(Long::longValue).toArray();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    public static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    /** Text made safe inside SVG markup. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
