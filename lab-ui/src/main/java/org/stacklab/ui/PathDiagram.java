package org.stacklab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.stacklab.sim.path.Hop;
import org.stacklab.sim.stack.DeviceKind;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Layer;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.topology.Link;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.trace.StageVisit;
import org.stacklab.ui.path.Passes;
import org.stacklab.ui.path.PathPlan;

/**
 * A mode's topology and path, drawn from its {@link PathPlan}: a box per namespace with its
 * processes (app, proxy) as boxes of their own, the layers from user space down to the device as
 * rows, the devices ({@code lo}, both ends of each veth) and the links between namespaces, the
 * REDIRECT hooks on the netfilter row, and the direction's passes as lanes: each trip through
 * TCP/IP its own U-shaped lane, numbered 1, 2, 3; an sk_msg redirect a dashed bypass at the socket
 * layer. The whole path is drawn grey before the first step; the walked part in the mode's colour.
 */
public final class PathDiagram extends CanvasPane {

    /** The rows, top to bottom: where a process works, waits, and where its messages go through the kernel. */
    static final List<Layer> ROWS = List.of(Layer.USER, Layer.SCHEDULER, Layer.SOCKET, Layer.BPF, Layer.TCP, Layer.IP,
            Layer.NETFILTER, Layer.DEVICE);

    private final PathPlan plan;
    private final Color modeColour;
    private List<StageVisit> request = List.of();
    private int[] requestPasses = new int[0];
    private boolean[] beforeSend = new boolean[0];
    private StageVisit current;
    private List<StageVisit> flow = List.of();
    private Map<StageVisit, Passes.Place> flowPlaces = Map.of();
    private List<FlowPlayer.RunQueue> runQueues = List.of();
    private boolean presenter;
    private boolean pathHidden;

    public PathDiagram(PathPlan plan) {
        this.plan = plan;
        this.modeColour = ModeColors.of(plan.mode().name());
        setMinSize(240, 170); // on a 1280x720 screen in presenter style the diagram gives way first
        setPrefSize(560, 420);
    }

    public PathPlan plan() {
        return plan;
    }

    /** Shows a request's visits so far, the last of them being visited now. */
    public void show(List<StageVisit> requestVisits, StageVisit now) {
        this.request = List.copyOf(requestVisits);
        this.requestPasses = Passes.of(request);
        this.beforeSend = Passes.beforeFirstSend(request);
        this.current = now;
        this.flow = List.of();
        this.runQueues = List.of();
        draw();
    }

    /**
     * Shows many requests at once: a packet for every visit under way, on its pass's lane, and under the
     * devices each CPU's run queue: the process running there and those waiting for it.
     */
    void showFlow(List<StageVisit> inFlight, Map<StageVisit, Passes.Place> places, List<FlowPlayer.RunQueue> queues) {
        this.request = List.of();
        this.requestPasses = new int[0];
        this.beforeSend = new boolean[0];
        this.current = null;
        this.flow = inFlight;
        this.flowPlaces = places;
        this.runQueues = queues;
        draw();
    }

    /** How many packets the last frame drew. */
    public int packetsShown() {
        return flow.size();
    }

    /** The run queues the last frame drew. */
    List<FlowPlayer.RunQueue> runQueuesShown() {
        return runQueues;
    }

    /** Hides the path not yet walked and the trips' numbers (a lesson's question is open). */
    public void setPathHidden(boolean hidden) {
        pathHidden = hidden;
        draw();
    }

    /** Large type and high contrast, for a projector. */
    public void setPresenter(boolean on) {
        presenter = on;
        draw();
    }

    // ---- geometry -------------------------------------------------------------------------------

    /** Presenter type is large, but never taller than a row allows (a short pane on a 1280x720 projector). */
    private double fontSize() {
        double rowRoom = (canvas.getHeight() - 30) / ROWS.size() * 0.7;
        return Math.max(8, Math.min(presenter ? 17 : 11, rowRoom));
    }

    private double labelWidth() {
        return presenter ? 104 : 72;
    }

    private double top() {
        return fontSize() * 2.2;
    }

    private double rowHeight() {
        return (canvas.getHeight() - top() - 4 - runQueueHeight() * runQueues.size()) / ROWS.size();
    }

    /** One CPU's line under the rows, in the flow view. */
    private double runQueueHeight() {
        return fontSize() * 1.9;
    }

    private double rowY(Layer layer) {
        return top() + ROWS.indexOf(layer) * rowHeight() + rowHeight() / 2;
    }

    private static final double GAP = 16;

    private double weight(PathPlan.Column column) {
        return Math.max(0.8, column.processes().size());
    }

    private double boxLeft(int column) {
        double total = plan.columns().stream().mapToDouble(this::weight).sum();
        double usable = canvas.getWidth() - labelWidth() - GAP * plan.columns().size();
        double x = labelWidth() + GAP / 2;
        for (int c = 0; c < column; c++) {
            x += usable * weight(plan.columns().get(c)) / total + GAP;
        }
        return x;
    }

    private double boxWidth(int column) {
        double total = plan.columns().stream().mapToDouble(this::weight).sum();
        double usable = canvas.getWidth() - labelWidth() - GAP * plan.columns().size();
        return usable * weight(plan.columns().get(column)) / total;
    }

    private int columnOf(String namespace) {
        for (int c = 0; c < plan.columns().size(); c++) {
            if (plan.columns().get(c).name().equals(namespace)) {
                return c;
            }
        }
        return 0;
    }

    private double centreX(String namespace) {
        int c = columnOf(namespace);
        return boxLeft(c) + boxWidth(c) / 2;
    }

    private double processX(ProcessSpec process) {
        int c = columnOf(process.namespace());
        List<ProcessSpec> inside = plan.columns().get(c).processes();
        int i = Math.max(0, inside.indexOf(process));
        return boxLeft(c) + (i + 0.5) * boxWidth(c) / Math.max(1, inside.size());
    }

    /**
     * Where a process's socket in a namespace is drawn: under the process, or, for a node proxy's socket
     * inside a pod (ztunnel's), at the pod's side nearest the proxy, on the socket row.
     */
    private double socketX(ProcessSpec process, String namespace) {
        if (process.namespace().equals(namespace)) {
            return processX(process);
        }
        int c = columnOf(namespace);
        boolean leftOfProcess = c < columnOf(process.namespace());
        return boxLeft(c) + boxWidth(c) * (leftOfProcess ? 0.86 : 0.14);
    }

    /** Where a lane leaves or reaches a process: its box, or its socket in another namespace. */
    private double legTop(ProcessSpec process, String namespace) {
        return process.namespace().equals(namespace) ? rowY(Layer.USER) : rowY(Layer.SOCKET);
    }

    /** Each pass of a direction runs a little to the side of the others, so that three trips show as three. */
    private double laneOffset(int pass, int passes) {
        double gap = Math.min(presenter ? 12 : 9, canvas.getWidth() / 60);
        return (pass - (passes - 1) / 2.0) * gap;
    }

    /** The lane of a pass: down the sender's leg, across the devices and links, up the receiver's leg. */
    private List<double[]> lane(PathPlan.Pass pass, int passes) {
        Hop hop = pass.hop();
        double off = laneOffset(pass.index(), passes);
        double sx = socketX(hop.sender(), hop.senderSocket()) + off;
        double rx = socketX(hop.receiver(), hop.receiverSocket()) + off;
        List<double[]> points = new ArrayList<>();
        if (pass.bypass()) {
            points.add(new double[] {sx, rowY(Layer.SOCKET)});
            points.add(new double[] {sx, rowY(Layer.BPF)});
            points.add(new double[] {rx, rowY(Layer.BPF)});
            points.add(new double[] {rx, rowY(Layer.SOCKET)});
            return points;
        }
        double device = rowY(Layer.DEVICE);
        points.add(new double[] {sx, legTop(hop.sender(), hop.senderSocket())});
        points.add(new double[] {sx, device});
        List<String> route = hop.namespaces();
        for (int i = 1; i < route.size() - 1; i++) {
            // The node forwards: up to IP and back down to the device, in its own box.
            double nx = centreX(route.get(i)) + off;
            points.add(new double[] {nx - 6, device});
            points.add(new double[] {nx, rowY(Layer.IP)});
            points.add(new double[] {nx + 6, device});
        }
        points.add(new double[] {rx, device});
        points.add(new double[] {rx, legTop(hop.receiver(), hop.receiverSocket())});
        return points;
    }

    /** Where a visit sits on its pass's lane ({@code ownWakeup}: before the first send, at the sender). */
    private double[] place(StageVisit visit, PathPlan.Pass pass, int passes, boolean ownWakeup) {
        Hop hop = pass.hop();
        double off = laneOffset(pass.index(), passes);
        // In user space a visit sits at the foot of its process's box, not over its name.
        double y = visit.stage().layer() == Layer.USER ? rowY(Layer.USER) + rowHeight() * 0.4 : rowY(visit.stage().layer());
        if (visit.stage() == Stage.APP_SEND || ownWakeup) {
            return new double[] {processX(hop.sender()) + off, y};
        }
        if (visit.stage().layer() == Layer.USER) {
            return new double[] {processX(hop.receiver()) + off, y};
        }
        boolean sender = visit.namespace().equals(hop.senderSocket())
                && (visit.stage().sendingHalf() || !visit.namespace().equals(hop.receiverSocket()));
        if (sender) {
            return new double[] {socketX(hop.sender(), hop.senderSocket()) + off, y};
        }
        if (visit.namespace().equals(hop.receiverSocket())) {
            return new double[] {socketX(hop.receiver(), hop.receiverSocket()) + off, y};
        }
        return new double[] {centreX(visit.namespace()) + off, y};
    }

    private PathPlan.Pass passOf(StageVisit visit, int index) {
        List<PathPlan.Pass> passes = plan.passes(visit.direction());
        return passes.get(Math.max(0, Math.min(index, passes.size() - 1)));
    }

    // ---- drawing --------------------------------------------------------------------------------

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Palette p = new Palette(presenter, modeColour);
        g.setFill(p.background);
        g.fillRect(0, 0, w, h);
        if (w < 50 || h < 50) {
            return;
        }
        Direction direction = shownDirection();
        drawRows(g, p);
        drawNamespaces(g, p);
        drawDevicesAndLinks(g, p);
        List<PathPlan.Pass> passes = plan.passes(direction);
        if (!pathHidden) {
            for (PathPlan.Pass pass : passes) {
                strokeLane(g, lane(pass, passes.size()), pass.bypass(), p.path, presenter ? 3 : 2);
            }
        }
        drawWalked(g, p, direction, passes.size());
        drawHooks(g, p); // over the lanes, which would cross out the port a REDIRECT sends to
        if (!pathHidden) {
            for (PathPlan.Pass pass : passes) {
                drawBadge(g, p, pass, passes.size(), walked(direction, pass.index()));
            }
        }
        drawProcesses(g, p);
        drawFlow(g, p);
        drawRunQueues(g, p);
        drawCurrent(g, p, passes.size());
        g.setFont(Font.font("SansSerif", FontWeight.BOLD, fontSize()));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(p.accent);
        fillFitted(g, direction == Direction.RESPONSE ? "← response" : "request →", 4, top() / 2, labelWidth() - 6,
                fontSize());
    }

    private boolean walked(Direction direction, int pass) {
        for (int i = 0; i < request.size(); i++) {
            if (request.get(i).direction() == direction && requestPasses[i] >= pass) {
                return true;
            }
        }
        return false;
    }

    private void drawRows(GraphicsContext g, Palette p) {
        g.setFont(Font.font("SansSerif", fontSize()));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < ROWS.size(); r++) {
            if (r % 2 == 1) {
                g.setFill(p.stripe);
                g.fillRect(0, top() + r * rowHeight(), canvas.getWidth(), rowHeight());
            }
            g.setFill(p.faint);
            fillFitted(g, ROWS.get(r).label(), 4, rowY(ROWS.get(r)), labelWidth() - 8, fontSize());
        }
    }

    private void drawNamespaces(GraphicsContext g, Palette p) {
        for (int c = 0; c < plan.columns().size(); c++) {
            PathPlan.Column column = plan.columns().get(c);
            double x = boxLeft(c);
            g.setStroke(p.box);
            g.setLineWidth(presenter ? 2 : 1.2);
            g.setLineDashes();
            g.strokeRoundRect(x, top() - 2, boxWidth(c), ROWS.size() * rowHeight() + 4, 10, 10);
            g.setFill(p.ink);
            g.setFont(Font.font("SansSerif", FontWeight.BOLD, fontSize()));
            g.setTextAlign(TextAlignment.CENTER);
            fillFitted(g, column.name() + (column.processes().isEmpty()
                    ? " (" + plan.mode().topology().namespace(column.name()).forwarding().label() + ")" : ""), x + boxWidth(c) / 2,
                    top() / 2, boxWidth(c) - 4, fontSize());
        }
    }

    private void drawProcesses(GraphicsContext g, Palette p) {
        double height = rowHeight() * 0.8;
        for (PathPlan.Column column : plan.columns()) {
            int c = columnOf(column.name());
            double width = Math.min(boxWidth(c) / Math.max(1, column.processes().size()) - 8, presenter ? 190 : 130);
            for (ProcessSpec process : column.processes()) {
                double x = processX(process);
                Color fill = process.role() == Role.PROXY ? p.proxy : p.app;
                g.setFill(fill);
                g.fillRoundRect(x - width / 2, rowY(Layer.USER) - height / 2, width, height, 8, 8);
                g.setStroke(p.box);
                g.setLineWidth(1);
                g.setLineDashes();
                g.strokeRoundRect(x - width / 2, rowY(Layer.USER) - height / 2, width, height, 8, 8);
                g.setFill(p.ink);
                g.setTextAlign(TextAlignment.CENTER);
                g.setFont(Font.font("SansSerif", FontWeight.BOLD, fontSize()));
                fillFitted(g, process.name(), x, rowY(Layer.USER), width - 6, fontSize());
                drawSocketsElsewhere(g, p, process, x, rowY(Layer.USER) + height / 2);
            }
        }
    }

    /** A node proxy's sockets inside the pods: a dashed tag on each pod's socket row, tied to the proxy's box. */
    private void drawSocketsElsewhere(GraphicsContext g, Palette p, ProcessSpec process, double x, double boxBottom) {
        for (String namespace : process.socketsIn()) {
            if (namespace.equals(process.namespace())) {
                continue;
            }
            double sx = socketX(process, namespace);
            double sy = rowY(Layer.SOCKET);
            String text = process.name() + "'s socket";
            double width = textWidth(text, fontSize() * 0.8) + 10;
            g.setStroke(p.box);
            g.setLineWidth(1);
            g.setLineDashes(4, 3);
            g.strokeLine(x, boxBottom, sx, sy - fontSize() * 0.7);
            g.setFill(p.proxy);
            g.fillRoundRect(sx - width / 2, sy - fontSize() * 0.7, width, fontSize() * 1.4, 6, 6);
            g.strokeRoundRect(sx - width / 2, sy - fontSize() * 0.7, width, fontSize() * 1.4, 6, 6);
            g.setLineDashes();
            g.setFill(p.ink);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFont(Font.font("SansSerif", fontSize() * 0.8));
            g.fillText(text, sx, sy);
        }
    }

    private void drawDevicesAndLinks(GraphicsContext g, Palette p) {
        double y = rowY(Layer.DEVICE);
        double size = Math.min(rowHeight() * 0.7, presenter ? 26 : 18);
        g.setFont(Font.font("SansSerif", fontSize() * 0.9));
        g.setTextAlign(TextAlignment.CENTER);
        for (PathPlan.Column column : plan.columns()) {
            if (column.usesLoopback()) {
                int c = columnOf(column.name());
                double x = boxLeft(c) + boxWidth(c) / 2;
                device(g, p, x, y, size * 1.8, size, "lo");
            }
        }
        for (var link : plan.links()) {
            int a = columnOf(link.between().get(0));
            int b = columnOf(link.between().get(1));
            int left = Math.min(a, b);
            int right = Math.max(a, b);
            double from = boxLeft(left) + boxWidth(left);
            double to = boxLeft(right);
            g.setStroke(p.box);
            g.setLineWidth(presenter ? 4 : 3);
            g.setLineDashes();
            g.strokeLine(from, y, to, y);
            // An overlay's ends are its tunnel devices, over the veth beneath.
            String end = (link.overlay() == Link.Overlay.VXLAN ? DeviceKind.VXLAN : DeviceKind.VETH).key();
            device(g, p, from - size * 0.6, y, size * 1.2, size * 0.8, end);
            device(g, p, to + size * 0.6, y, size * 1.2, size * 0.8, end);
        }
    }

    private void device(GraphicsContext g, Palette p, double x, double y, double w, double h, String name) {
        g.setFill(p.device);
        g.fillRect(x - w / 2, y - h / 2, w, h);
        g.setStroke(p.box);
        g.setLineWidth(1);
        g.strokeRect(x - w / 2, y - h / 2, w, h);
        g.setFill(p.ink);
        g.setTextBaseline(VPos.CENTER);
        fillFitted(g, name, x, y, w - 2, fontSize() * 0.85);
    }

    private void drawHooks(GraphicsContext g, Palette p) {
        for (PathPlan.Hook hook : plan.hooks()) {
            double[] badge = hookBadge(hook);
            g.setFill(p.hook);
            g.fillRoundRect(badge[0], badge[1], badge[2], badge[3], 6, 6);
            g.setFill(Color.WHITE);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFont(Font.font("SansSerif", FontWeight.BOLD, fontSize() * 0.85));
            fillFitted(g, hookText(hook), badge[0] + badge[2] / 2, badge[1] + badge[3] / 2, badge[2] - 4,
                    fontSize() * 0.85);
        }
    }

    private static String hookText(PathPlan.Hook hook) {
        return "REDIRECT →:" + hook.toPort();
    }

    /** Where a REDIRECT's badge is drawn: x, y, width, height. */
    private double[] hookBadge(PathPlan.Hook hook) {
        int c = columnOf(hook.namespace());
        double x = boxLeft(c) + (hook.outbound() ? boxWidth(c) * 0.25 : boxWidth(c) * 0.75);
        double width = Math.min(boxWidth(c) / 2 - 4, textWidth(hookText(hook), fontSize() * 0.85) + 8);
        return new double[] {x - width / 2, rowY(Layer.NETFILTER) - fontSize() * 0.7, width, fontSize() * 1.4};
    }

    /** Whether a label at x, y (its left edge and middle) of this width would cover a REDIRECT's badge. */
    private boolean coversABadge(double x, double y, double width) {
        double top = y - fontSize() * 0.8;
        double height = fontSize() * 1.6;
        for (PathPlan.Hook hook : plan.hooks()) {
            double[] b = hookBadge(hook);
            if (x < b[0] + b[2] && b[0] < x + width && top < b[1] + b[3] && b[1] < top + height) {
                return true;
            }
        }
        return false;
    }

    private void strokeLane(GraphicsContext g, List<double[]> points, boolean bypass, Color colour, double width) {
        g.setStroke(colour);
        g.setLineWidth(width);
        g.setLineCap(StrokeLineCap.ROUND);
        if (bypass) {
            g.setLineDashes(width * 3, width * 2);
        } else {
            g.setLineDashes();
        }
        for (int i = 1; i < points.size(); i++) {
            g.strokeLine(points.get(i - 1)[0], points.get(i - 1)[1], points.get(i)[0], points.get(i)[1]);
        }
        g.setLineDashes();
    }

    /** The part of the request walked so far, in this direction, along its lanes. */
    private void drawWalked(GraphicsContext g, Palette p, Direction direction, int passes) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            StageVisit v = request.get(i);
            if (v.direction() == direction) {
                points.add(place(v, passOf(v, requestPasses[i]), passes, beforeSend[i]));
            }
        }
        g.setStroke(p.accent);
        g.setLineWidth(presenter ? 6 : 4);
        g.setLineCap(StrokeLineCap.ROUND);
        for (int i = 1; i < points.size(); i++) {
            g.strokeLine(points.get(i - 1)[0], points.get(i - 1)[1], points.get(i)[0], points.get(i)[1]);
        }
    }

    /** A pass's number at the bottom of its lane (a bypass says "sk_msg" on it instead). */
    private void drawBadge(GraphicsContext g, Palette p, PathPlan.Pass pass, int passes, boolean walked) {
        List<double[]> lane = lane(pass, passes);
        double r = presenter ? 13 : 9;
        g.setFont(Font.font("SansSerif", FontWeight.BOLD, r * 1.2));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        if (pass.bypass()) {
            double x = (lane.get(1)[0] + lane.get(2)[0]) / 2;
            double y = lane.get(1)[1];
            String text = "sk_msg";
            double width = textWidth(text, r * 1.2) + 8;
            g.setFill(walked ? p.accent : p.background);
            g.fillRoundRect(x - width / 2, y - r, width, 2 * r, r, r);
            g.setFill(walked ? Color.WHITE : p.ink);
            g.fillText(text, x, y);
            return;
        }
        double x = (lane.get(1)[0] + lane.get(lane.size() - 2)[0]) / 2;
        double y = rowY(Layer.DEVICE) + rowHeight() * 0.05;
        g.setFill(walked ? p.accent : p.background);
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
        g.setStroke(walked ? p.accent : p.path.darker());
        g.setLineWidth(2);
        g.strokeOval(x - r, y - r, 2 * r, 2 * r);
        g.setFill(walked ? Color.WHITE : p.ink);
        g.fillText(Integer.toString(pass.number()), x, y);
    }

    private void drawFlow(GraphicsContext g, Palette p) {
        if (flow.isEmpty()) {
            return;
        }
        double r = presenter ? 5 : 3.5;
        g.setFill(p.accent);
        for (StageVisit visit : flow) {
            int passes = plan.passes(visit.direction()).size();
            Passes.Place place = flowPlaces.getOrDefault(visit, FIRST_PASS);
            double[] at = place(visit, passOf(visit, place.pass()), passes, place.beforeFirstSend());
            // Spread a place's packets a little, each request at its own spot, so that a crowd shows as a crowd.
            long spread = visit.request() * 0x9E3779B97F4A7C15L;
            double dx = (((spread >>> 40) & 0xff) / 255.0 - 0.5) * 14;
            double dy = (((spread >>> 16) & 0xff) / 255.0 - 0.5) * rowHeight() * 0.6;
            g.fillOval(at[0] + dx - r, at[1] + dy - r, 2 * r, 2 * r);
        }
    }

    private static final Passes.Place FIRST_PASS = new Passes.Place(0, false);

    /** Under the rows, a line per CPU: "CPU 0", the process running there (filled), those waiting (outlined). */
    private void drawRunQueues(GraphicsContext g, Palette p) {
        double lineHeight = runQueueHeight();
        double chipHeight = lineHeight * 0.78;
        g.setTextBaseline(VPos.CENTER);
        for (FlowPlayer.RunQueue queue : runQueues) {
            double y = top() + ROWS.size() * rowHeight() + (queue.cpu() + 0.5) * lineHeight;
            g.setFont(Font.font("SansSerif", FontWeight.BOLD, fontSize()));
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(p.ink);
            fillFitted(g, "CPU " + queue.cpu(), 4, y, labelWidth() - 8, fontSize());
            double x = labelWidth();
            double right = canvas.getWidth() - 4;
            if (queue.running().isEmpty()) {
                g.setFont(Font.font("SansSerif", fontSize()));
                g.setFill(p.faint);
                g.fillText("idle", x, y);
                x += textWidth("idle", fontSize()) + 10;
            }
            for (String process : queue.running()) {
                x = drawChip(g, p, "▶ " + process, x, y, chipHeight, right, true);
            }
            if (!queue.waiting().isEmpty() && x < right) {
                g.setFont(Font.font("SansSerif", fontSize()));
                g.setFill(p.faint);
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText("waiting:", x, y);
                x += textWidth("waiting:", fontSize()) + 6;
            }
            for (String process : queue.waiting()) {
                x = drawChip(g, p, process, x, y, chipHeight, right, false);
            }
        }
    }

    /** A process's chip on a CPU's line; returns where the next one starts. Chips that no longer fit are left out. */
    private double drawChip(GraphicsContext g, Palette p, String text, double x, double y, double height, double right,
                            boolean running) {
        double width = textWidth(text, fontSize()) + 12;
        if (x + width > right) {
            return right;
        }
        g.setFill(running ? p.accent : p.labelBack);
        g.fillRoundRect(x, y - height / 2, width, height, height / 2, height / 2);
        g.setStroke(p.accent);
        g.setLineWidth(presenter ? 2 : 1.2);
        g.setLineDashes(running ? null : new double[] {4, 3});
        g.strokeRoundRect(x, y - height / 2, width, height, height / 2, height / 2);
        g.setLineDashes();
        g.setFont(Font.font("SansSerif", FontWeight.BOLD, fontSize()));
        g.setFill(running ? Color.WHITE : p.ink);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(text, x + 6, y);
        return x + width + 6;
    }

    private void drawCurrent(GraphicsContext g, Palette p, int passes) {
        if (current == null || request.isEmpty()) {
            return;
        }
        double[] at = currentDot(passes);
        double r = dotRadius();
        g.setFill(p.accent);
        g.fillOval(at[0] - r, at[1] - r, 2 * r, 2 * r);
        g.setStroke(p.background);
        g.setLineWidth(2);
        g.strokeOval(at[0] - r, at[1] - r, 2 * r, 2 * r);
        double[] label = currentLabel(at);
        g.setFont(Font.font("SansSerif", FontWeight.BOLD, fontSize()));
        g.setFill(p.labelBack);
        g.fillRoundRect(label[0], label[1] - fontSize() * 0.8, label[2], fontSize() * 1.6, 6, 6);
        g.setFill(p.ink);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(current.stage().name(), label[0] + 5, label[1]);
    }

    private double dotRadius() {
        return presenter ? 12 : 8;
    }

    /** Where the current visit's dot is: x, y. */
    private double[] currentDot(int passes) {
        int last = request.size() - 1;
        return place(current, passOf(current, requestPasses[last]), passes, beforeSend[last]);
    }

    /** Where the current stage's label goes, beside its dot: x of its left edge, y of its middle, width. */
    private double[] currentLabel(double[] at) {
        double r = dotRadius();
        double width = textWidth(current.stage().name(), fontSize()) + 10;
        boolean leftSide = at[0] + r + width > canvas.getWidth() - 2;
        double x = leftSide ? at[0] - r - 4 - width : at[0] + r + 4;
        // In user space the label goes below the process's box rather than over its name; on the device row
        // above the dot, clear of the trips' numbers: at least its own half height past the dot, for rows
        // squeezed lower than a presenter's label is tall.
        double clear = Math.max(rowHeight() * 0.6, r + fontSize() * 0.8 + 2);
        double y = current.stage().layer() == Layer.USER ? at[1] + clear
                : current.stage().layer() == Layer.DEVICE ? at[1] - clear : at[1];
        // Not over a REDIRECT's badge, which says where the connection was turned: to the dot's other side, else
        // a label's height up or down, on either side, as near the dot as there is room.
        double otherX = leftSide ? at[0] + r + 4 : at[0] - r - 4 - width;
        double step = fontSize() * 1.7;
        for (double dy : new double[] {0, -step, step, -2 * step, 2 * step}) {
            for (double tryX : new double[] {x, otherX}) {
                double tryY = y + dy;
                boolean fits = tryX >= 2 && tryX + width <= canvas.getWidth() - 2 && tryY - fontSize() * 0.8 >= 0
                        && tryY + fontSize() * 0.8 <= canvas.getHeight();
                if (fits && !coversABadge(tryX, tryY, width)) {
                    return new double[] {tryX, tryY, width};
                }
            }
        }
        return new double[] {x, y, width};
    }

    /** The direction the diagram shows: the current visit's response, else the request. */
    private Direction shownDirection() {
        return current != null && current.direction() == Direction.RESPONSE ? Direction.RESPONSE
                : Direction.REQUEST;
    }

    /** Whether the current stage's label covers a REDIRECT's badge (for the layout tests). */
    boolean currentLabelCoversABadge() {
        if (current == null || request.isEmpty()) {
            return false;
        }
        double[] label = currentLabel(currentDot(plan.passes(shownDirection()).size()));
        return coversABadge(label[0], label[1], label[2]);
    }

    /** Text that fits its width: drawn smaller where it must be, never cut. */
    private static void fillFitted(GraphicsContext g, String text, double x, double y, double maxWidth, double size) {
        Font base = g.getFont();
        // A text's width grows in proportion to its size: one measurement gives the size that fits.
        double width = textWidth(text, Font.font(base.getFamily(), weightOf(base), size));
        double fitted = width <= maxWidth ? size : Math.max(7, Math.floor(2 * size * maxWidth / width) / 2);
        g.setFont(Font.font(base.getFamily(), weightOf(base), fitted));
        g.fillText(text, x, y);
        g.setFont(base);
    }

    private static FontWeight weightOf(Font font) {
        return font.getStyle().toLowerCase(java.util.Locale.ROOT).contains("bold") ? FontWeight.BOLD : FontWeight.NORMAL;
    }

    private static double textWidth(String text, double size) {
        return textWidth(text, Font.font("SansSerif", FontWeight.BOLD, size));
    }

    /** One text node measures every label: the diagram redraws at the frame rate in the flow view. */
    private static final Text MEASURE = new Text();

    private static double textWidth(String text, Font font) {
        MEASURE.setText(text);
        MEASURE.setFont(font);
        return MEASURE.getLayoutBounds().getWidth();
    }

    /** The diagram's colours, light or (presenter) high contrast; the walked path in the mode's colour. */
    private static final class Palette {
        final Color background;
        final Color ink;
        final Color faint;
        final Color stripe;
        final Color box;
        final Color path;
        final Color accent;
        final Color app;
        final Color proxy;
        final Color device;
        final Color hook;
        final Color labelBack;

        Palette(boolean presenter, Color mode) {
            background = presenter ? Color.BLACK : Color.web("#fcfcfc");
            ink = presenter ? Color.WHITE : Color.web("#212529");
            faint = presenter ? Color.web("#cccccc") : Color.web("#495057");
            stripe = presenter ? Color.web("#151515") : Color.web("#f1f3f5");
            box = presenter ? Color.web("#aaaaaa") : Color.web("#868e96");
            path = presenter ? Color.web("#555555") : Color.web("#ced4da");
            accent = presenter ? mode.brighter() : mode;
            app = presenter ? Color.web("#1c3d5a") : Color.web("#d0ebff");
            proxy = presenter ? Color.web("#5c3a10") : Color.web("#ffe8cc");
            device = presenter ? Color.web("#333333") : Color.web("#e9ecef");
            hook = Color.web("#c92a2a");
            labelBack = presenter ? Color.web("#222222") : Color.web("#ffffffdd");
        }
    }
}
