package org.stacklab.sim.path;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.stack.DeviceKind;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Segment;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.topology.Forwarding;
import org.stacklab.sim.topology.Interception;
import org.stacklab.sim.topology.Link;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.topology.ServiceSpec;
import org.stacklab.sim.topology.Topology;
import org.stacklab.sim.workload.Workload;

/**
 * A mode's path compiled into the scripts its processes run for one request: the client's
 * start, then one script per hop arrival, request hops first, then response hops.
 *
 * <p>A hop over TCP expands into the kernel's transmit path in the sender's namespace, a device
 * crossing per namespace boundary (with forwarding in namespaces passed through, or a tc program's
 * redirect into the next namespace's device where the namespace forwards by eBPF), and the
 * receive path in the receiver's namespace, all run in the sender's context as loopback and veth
 * receive does (softirq on the sending CPU), ending with the wake-up of the reader. A redirected
 * hop is a socket send, the sk_msg redirect and the wake-up. A new connection adds the three
 * handshake packets before the first data, paying the nat rules on its SYN (a service's kube-proxy
 * chain in the node too), after the connect4 program's translation where socket-LB has the service.
 */
public final class PathProgram {

    /** The index of the script the client runs to start a request. */
    public static final int START = 0;

    private final Mode mode;
    private final List<ProcessSpec> processes;
    private final List<Script> scripts;

    /**
     * The context of the client's own user-space steps: they lie outside the round trip the probe
     * follows (from the client's send to its read), inside the one its workload driver times.
     */
    public static final String CLIENT_CONTEXT = "client";

    /** A round trip: the request there and the response back. */
    public PathProgram(Mode mode, int requestBytes, int responseBytes, boolean newConnections) {
        this(mode, requestBytes, responseBytes, newConnections, false);
    }

    /** The program a workload's requests run: a stream's messages go one way and end at the server's read. */
    public static PathProgram of(Mode mode, Workload workload) {
        return new PathProgram(mode, workload.requestBytes(), workload.responseBytes(),
                workload.newConnectionPerRequest(), workload.pattern() == Workload.Pattern.STREAM);
    }

    /**
     * @param mode            the mode whose path to compile
     * @param requestBytes    bytes of each request
     * @param responseBytes   bytes of each response
     * @param newConnections  whether each request opens new connections along its path
     * @param oneWay          whether the request is all: it completes when the server has read it
     */
    private PathProgram(Mode mode, int requestBytes, int responseBytes, boolean newConnections, boolean oneWay) {
        this.mode = mode;
        this.processes = mode.topology().processes();
        List<Hop> request = mode.path();
        List<Hop> response = new ArrayList<>();
        for (Hop hop : request) {
            response.add(hop.reversed());
        }
        Collections.reverse(response);
        int hops = request.size();
        List<Script> compiled = new ArrayList<>();

        ProcessSpec client = mode.topology().processWithRole(Role.CLIENT);
        List<Step> start = new ArrayList<>();
        start.add(userStep(Stage.APP_SEND, Direction.REQUEST, client, requestBytes));
        addSend(start, request.get(0), Direction.REQUEST, requestBytes, newConnections);
        compiled.add(deliver(client, start, request.get(0), 1));

        for (int i = 0; i < hops; i++) {
            Hop arrived = request.get(i);
            ProcessSpec at = arrived.receiver();
            List<Step> steps = new ArrayList<>();
            steps.add(socketRecv(Direction.REQUEST, arrived, requestBytes));
            if (i < hops - 1) {
                steps.add(userStep(Stage.PROXY, Direction.REQUEST, at, requestBytes));
                addSend(steps, request.get(i + 1), Direction.REQUEST, requestBytes, newConnections);
                compiled.add(deliver(at, steps, request.get(i + 1), 2 + i));
            } else if (oneWay) {
                steps.add(userStep(Stage.APP_RECV, Direction.REQUEST, at, requestBytes));
                compiled.add(new Script(processes.indexOf(at), steps, -1, -1));
            } else {
                steps.add(userStep(Stage.APP_RECV, Direction.REQUEST, at, requestBytes));
                steps.add(userStep(Stage.APP_SEND, Direction.RESPONSE, at, responseBytes));
                addSend(steps, response.get(0), Direction.RESPONSE, responseBytes, false);
                compiled.add(deliver(at, steps, response.get(0), 1 + hops));
            }
        }
        for (int j = 0; j < (oneWay ? 0 : hops); j++) {
            Hop arrived = response.get(j);
            ProcessSpec at = arrived.receiver();
            List<Step> steps = new ArrayList<>();
            steps.add(socketRecv(Direction.RESPONSE, arrived, responseBytes));
            if (j < hops - 1) {
                steps.add(userStep(Stage.PROXY, Direction.RESPONSE, at, responseBytes));
                addSend(steps, response.get(j + 1), Direction.RESPONSE, responseBytes, false);
                compiled.add(deliver(at, steps, response.get(j + 1), 2 + hops + j));
            } else {
                steps.add(userStep(Stage.APP_RECV, Direction.RESPONSE, at, responseBytes));
                compiled.add(new Script(processes.indexOf(at), steps, -1, -1));
            }
        }
        this.scripts = List.copyOf(compiled);
    }

    public Mode mode() {
        return mode;
    }

    public List<ProcessSpec> processes() {
        return processes;
    }

    public List<Script> scripts() {
        return scripts;
    }

    /**
     * The cost context of each wake-up of a round trip, in order: every script but the first
     * begins with a process woken by the message it reads.
     */
    public List<String> wakeupContexts() {
        return scripts.subList(1, scripts.size()).stream().map(s -> s.steps().get(0).context()).toList();
    }

    private Script deliver(ProcessSpec runner, List<Step> steps, Hop hop, int nextScript) {
        return new Script(processes.indexOf(runner), steps, processes.indexOf(hop.receiver()), nextScript);
    }

    private static Step userStep(Stage stage, Direction direction, ProcessSpec process, int bytes) {
        Segment segment = process.role() == Role.PROXY ? Segment.PROXY : Segment.APP;
        return new Step(stage, direction, process.namespace(), null, bytes, 0, segment, switch (process.role()) {
            case PROXY -> "proxy";
            case CLIENT -> CLIENT_CONTEXT;
            default -> "app";
        });
    }

    private static Step socketRecv(Direction direction, Hop arrived, int bytes) {
        return new Step(Stage.SOCK_RECV, direction, arrived.receiverSocket(), null, bytes, 0, Segment.WAKEUP,
                waitContext(arrived));
    }

    /** How a hop's message travels: the context of its send, device and receive stages. */
    private static String pathContext(Hop hop) {
        return hop.redirected() ? "redirect" : (hop.overLoopback() ? DeviceKind.LO : DeviceKind.VETH).key();
    }

    /** How the hop's receiver waits for the message: the context of its wake-up. */
    private static String waitContext(Hop hop) {
        return (hop.receiver().eventLoop() ? "epoll" : "read") + "-" + pathContext(hop);
    }

    private void addSend(List<Step> steps, Hop hop, Direction direction, int bytes, boolean newConnection) {
        if (newConnection && connectsToTheService(hop)
                && mode.topology().service().translation() == ServiceSpec.Translation.SOCKET_LB) {
            steps.add(new Step(Stage.SOCK_LB, Direction.CONNECT, hop.senderSocket(), null, 0, 0, Segment.SEND,
                    pathContext(hop)));
        }
        if (newConnection) {
            addPacketStages(steps, hop, Direction.CONNECT, 0, true);
            addPacketStages(steps, hop.reversed(), Direction.CONNECT, 0, false);
            addPacketStages(steps, hop, Direction.CONNECT, 0, false);
        }
        String from = hop.senderSocket();
        String to = hop.receiverSocket();
        String path = pathContext(hop);
        steps.add(new Step(Stage.SOCK_SEND, direction, from, null, bytes, 0, Segment.SEND, path));
        if (hop.redirected()) {
            steps.add(new Step(Stage.SK_MSG_REDIRECT, direction, from, null, bytes, 0, Segment.SEND, path));
        } else {
            addPacketStages(steps, hop, direction, bytes, false);
        }
        steps.add(new Step(Stage.WAKEUP, direction, to, null, bytes, 0, Segment.WAKEUP, waitContext(hop)));
    }

    /** TCP/IP out, the devices and namespaces crossed, and TCP/IP in, for one packet. */
    private void addPacketStages(List<Step> steps, Hop hop, Direction direction, int bytes, boolean syn) {
        Topology topology = mode.topology();
        List<String> route = hop.namespaces();
        String first = route.get(0);
        String last = route.get(route.size() - 1);
        String path = pathContext(hop);
        steps.add(new Step(Stage.TCP_OUT, direction, first, null, bytes, 0, Segment.SEND, path));
        steps.add(new Step(Stage.IP_OUT, direction, first, null, bytes, 0, Segment.SEND, path));
        int outputRules = filterRules(topology, first) + (syn ? natRules(topology.namespace(first).outbound()) : 0);
        steps.add(new Step(Stage.NF_OUTPUT, direction, first, null, bytes, outputRules, Segment.SEND, path));
        steps.add(new Step(Stage.NF_POSTROUTING, direction, first, null, bytes, 0, Segment.SEND, path));
        if (hop.overLoopback()) {
            steps.add(new Step(Stage.DEV_XMIT, direction, first, DeviceKind.LO.key(), bytes, 0, Segment.DEVICE, path));
            steps.add(new Step(Stage.NET_RX, direction, first, DeviceKind.LO.key(), bytes, 0, Segment.DEVICE, path));
        }
        boolean peerRedirected = false;
        for (int t = 1; t < route.size(); t++) {
            String device = Link.deviceName(route.get(t - 1), route.get(t));
            String ns = route.get(t);
            if (!peerRedirected && topology.link(route.get(t - 1), ns).overlay() == Link.Overlay.VXLAN) {
                // The inner packet crosses the tunnel device, the outer one the veth beneath.
                String tunnel = Link.tunnelName(route.get(t - 1), ns);
                steps.add(new Step(Stage.DEV_XMIT, direction, route.get(t - 1), tunnel, bytes, 0, Segment.DEVICE, path));
                steps.add(new Step(Stage.VXLAN_ENCAP, direction, route.get(t - 1), tunnel, bytes, 0, Segment.DEVICE, path));
                steps.add(new Step(Stage.DEV_XMIT, direction, route.get(t - 1), device, bytes, 0, Segment.DEVICE, path));
                steps.add(new Step(Stage.NET_RX, direction, ns, device, bytes, 0, Segment.DEVICE, path));
                steps.add(new Step(Stage.VXLAN_DECAP, direction, ns, tunnel, bytes, 0, Segment.DEVICE, path));
                steps.add(new Step(Stage.NET_RX, direction, ns, tunnel, bytes, 0, Segment.DEVICE, path));
            } else if (!peerRedirected) {
                steps.add(new Step(Stage.DEV_XMIT, direction, route.get(t - 1), device, bytes, 0, Segment.DEVICE, path));
                steps.add(new Step(Stage.NET_RX, direction, ns, device, bytes, 0, Segment.DEVICE, path));
            }
            peerRedirected = false;
            if (t == route.size() - 1) {
                continue;
            }
            // Forwarding in a namespace passed through lies between two devices, unless a tc program there
            // hands the packet on to the next namespace's device itself.
            if (topology.namespace(ns).forwarding() == Forwarding.BPF_PEER_REDIRECT) {
                steps.add(new Step(Stage.TC_PEER_REDIRECT, direction, ns, device, bytes, 0, Segment.DEVICE, path));
                peerRedirected = true;
                continue;
            }
            // kube-proxy's chain in the node: the connection's first packet walks it to its own rule.
            int dnatRules = syn && connectsToTheService(hop) ? mode.topology().service().dnatRules() : 0;
            steps.add(new Step(Stage.NF_PREROUTING, direction, ns, null, bytes, dnatRules, Segment.DEVICE, path));
            steps.add(new Step(Stage.IP_FORWARD, direction, ns, null, bytes, 0, Segment.DEVICE, path));
            steps.add(new Step(Stage.NF_FORWARD, direction, ns, null, bytes, filterRules(topology, ns),
                    Segment.DEVICE, path));
            steps.add(new Step(Stage.NF_POSTROUTING, direction, ns, null, bytes, 0, Segment.DEVICE, path));
        }
        int preroutingRules = syn && !hop.overLoopback() ? natRules(topology.namespace(last).inbound()) : 0;
        steps.add(new Step(Stage.NF_PREROUTING, direction, last, null, bytes, preroutingRules, Segment.RECEIVE, path));
        steps.add(new Step(Stage.IP_RCV, direction, last, null, bytes, 0, Segment.RECEIVE, path));
        steps.add(new Step(Stage.NF_INPUT, direction, last, null, bytes, filterRules(topology, last), Segment.RECEIVE, path));
        steps.add(new Step(Stage.TCP_RCV, direction, last, null, bytes, 0, Segment.RECEIVE, path));
    }

    /** Whether the hop is the client's connection to the server's service (there is one, and this is it). */
    private boolean connectsToTheService(Hop hop) {
        return mode.topology().service() != null && hop.sender().role() == Role.CLIENT;
    }

    private static int filterRules(Topology topology, String namespace) {
        return topology.namespace(namespace).filterRules();
    }

    private static int natRules(Interception interception) {
        return interception == null ? 0 : interception.natRules();
    }
}
