package org.stacklab.ui.path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stacklab.probe.lab.LabAddresses;
import org.stacklab.probe.lab.LabPorts;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.Hop;
import org.stacklab.sim.path.NatRedirect;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.topology.Link;
import org.stacklab.sim.topology.NamespaceSpec;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.trace.StageVisit;

/**
 * What a mode's diagram shows, worked out from the mode's topology and resolved path alone, so
 * that a new mode draws itself: each namespace with its processes and devices, the links between
 * namespaces, the REDIRECT hooks, and each direction's passes (one per hop, the TCP/IP ones
 * numbered 1, 2, 3 in the order a message takes them; a redirected hop is a bypass, unnumbered).
 */
public final class PathPlan {

    /**
     * A namespace as drawn: its processes left to right in the order the request meets them, and
     * whether it has a loopback hop.
     */
    public record Column(NamespaceSpec namespace, List<ProcessSpec> processes, boolean usesLoopback) {
        public String name() {
            return namespace.name();
        }
    }

    /**
     * One hop of a direction as drawn.
     *
     * @param hop     the hop, sender to receiver as this direction travels it
     * @param index   its place in the direction, from 0
     * @param number  1, 2, 3… for a trip through TCP/IP, 0 for an sk_msg bypass
     */
    public record Pass(Hop hop, int index, int number) {
        public boolean bypass() {
            return hop.redirected();
        }
    }

    /** An iptables REDIRECT of the resolved path, as drawn on its namespace's netfilter row. */
    public record Hook(NatRedirect redirect) {
        public String namespace() {
            return redirect.namespace();
        }

        /** True for the nat OUTPUT rule of connections leaving the pod, false for nat PREROUTING's of arriving ones. */
        public boolean outbound() {
            return redirect.chain() == NatRedirect.Chain.OUTPUT;
        }

        /** The process it redirects to. */
        public String proxy() {
            return redirect.interception().proxy();
        }

        /** The proxy port it sends the lab's service port to. */
        public int toPort() {
            return LabPorts.proxyPort(redirect.chain(), 0);
        }

        /** The processes whose own connections it leaves alone (by uid, as Istio does). */
        public List<String> exempt() {
            return redirect.interception().exempt();
        }

        /** The iptables chain it is in. */
        public String chain() {
            return redirect.chain().label();
        }
    }

    private final Mode mode;
    private final List<Column> columns;
    private final Map<Direction, List<Pass>> passes = new LinkedHashMap<>();
    private final List<Hook> hooks;
    private final LabAddresses addresses;


    public PathPlan(Mode mode) {
        this.mode = mode;
        this.addresses = new LabAddresses(mode.topology());
        List<Hop> path = mode.path();
        Set<ProcessSpec> met = new LinkedHashSet<>();
        for (Hop hop : path) {
            met.add(hop.sender());
            met.add(hop.receiver());
        }
        List<Column> cols = new ArrayList<>();
        for (NamespaceSpec ns : mode.topology().namespaces()) {
            List<ProcessSpec> inside = met.stream().filter(p -> p.namespace().equals(ns.name())).toList();
            boolean loopback = path.stream().anyMatch(h -> !h.redirected() && h.overLoopback()
                    && h.namespaces().get(0).equals(ns.name()));
            cols.add(new Column(ns, inside, loopback));
        }
        this.columns = List.copyOf(cols);
        passes.put(Direction.REQUEST, numbered(path));
        List<Hop> back = new ArrayList<>();
        for (int i = path.size() - 1; i >= 0; i--) {
            back.add(path.get(i).reversed());
        }
        passes.put(Direction.RESPONSE, numbered(back));
        List<Hook> found = new ArrayList<>();
        for (Pass pass : passes.get(Direction.REQUEST)) {
            pass.hop().turnedBy().map(Hook::new).filter(h -> !found.contains(h)).ifPresent(found::add);
        }
        this.hooks = List.copyOf(found);
    }

    private static List<Pass> numbered(List<Hop> hops) {
        List<Pass> out = new ArrayList<>();
        int number = 0;
        for (int i = 0; i < hops.size(); i++) {
            Hop hop = hops.get(i);
            out.add(new Pass(hop, i, hop.redirected() ? 0 : ++number));
        }
        return List.copyOf(out);
    }

    public Mode mode() {
        return mode;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The passes of a direction (a connection's set-up is drawn on the request's). */
    public List<Pass> passes(Direction direction) {
        return passes.get(direction == Direction.RESPONSE ? Direction.RESPONSE : Direction.REQUEST);
    }

    /** How many of a direction's passes go through TCP/IP. */
    public long tcpIpPasses(Direction direction) {
        return passes(direction).stream().filter(p -> !p.bypass()).count();
    }

    /** The stages a message's receiver runs in its own time: switched in, it reads the message and works on it. */
    private static final Set<Stage> RECEIVERS_OWN = java.util.EnumSet.of(Stage.CTX_SWITCH, Stage.SOCK_RECV,
            Stage.APP_RECV, Stage.PROXY);

    /**
     * The process whose time a visit is: from its switch-in on, the pass's receiver (its read and its own
     * work); before that, the sender, whose send runs the message down its stack and wakes the receiver.
     * A visit before its direction's first send is the sender's own wake-up.
     */
    public ProcessSpec processOf(StageVisit visit, Passes.Place place) {
        List<Pass> direction = passes(visit.direction());
        Hop hop = direction.get(Math.max(0, Math.min(place.pass(), direction.size() - 1))).hop();
        return RECEIVERS_OWN.contains(visit.stage()) && !place.beforeFirstSend() ? hop.receiver() : hop.sender();
    }

    /** The addresses the live lab gives this topology, for captions and headers. */
    public LabAddresses addresses() {
        return addresses;
    }

    public List<Hook> hooks() {
        return hooks;
    }

    /** The veth links, each as the two namespaces it joins. */
    public List<Link> links() {
        return mode.topology().links();
    }

    /**
     * The REDIRECT a request's pass was sent through, as the resolved path records it: the outbound one
     * when a process's connection to another namespace is turned to its own namespace's proxy, the
     * inbound one when a connection arriving from another namespace is turned to the proxy there. (A
     * response follows the same connections back; conntrack undoes the translation without a rule.)
     */
    public java.util.Optional<Hook> hookOf(Pass pass) {
        if (!passes(Direction.REQUEST).contains(pass)) {
            return java.util.Optional.empty();
        }
        return pass.hop().turnedBy().map(Hook::new);
    }
}
