package org.stacklab.ui.path;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.stacklab.probe.lab.LabAddresses;
import org.stacklab.probe.lab.LabPorts;
import org.stacklab.sim.path.Hop;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.topology.Topology;
import org.stacklab.sim.trace.StageVisit;

/**
 * What the current step does, in plain words, for this mode and this process: which pass of how
 * many it is on, between which processes and over what, and at the stages where the mode does
 * something of its own (a REDIRECT, an sk_msg redirect, the node's forwarding) what happens there,
 * with the addresses the live lab gives the topology; then the packet's header before and after.
 */
public final class Captions {

    private static final int SERVICE_PORT = LabPorts.SERVICE_PORTS.get(0);

    private Captions() {
    }

    /** The caption of the last of a request's visits so far. */
    public static String of(PathPlan plan, List<StageVisit> requestVisits) {
        StageVisit visit = requestVisits.get(requestVisits.size() - 1);
        int[] passes = Passes.of(requestVisits);
        List<PathPlan.Pass> direction = plan.passes(visit.direction());
        PathPlan.Pass pass = direction.get(Math.min(passes[passes.length - 1], direction.size() - 1));
        Hop hop = pass.hop();
        long trips = plan.tcpIpPasses(visit.direction());
        String which = pass.bypass() ? "sk_msg bypass" : "TCP/IP trip " + pass.number() + " of " + trips;
        String where = String.format(Locale.ROOT, "%s, %s: %s → %s %s", words(visit.direction()), which,
                hop.sender().name(), hop.receiver().name(), over(hop));
        String what = special(plan, pass, visit).orElse(visit.stage().meaning());
        return String.format(Locale.ROOT, "%s%n%s in %s%s: %s — %d bytes, %.1f µs%n%s", where, visit.stage().name(),
                visit.namespace(), visit.device() == null ? "" : " (" + visit.device() + ")", what, visit.bytes(),
                visit.durationNs() / 1000.0, header(plan, pass));
    }

    private static String words(Direction direction) {
        return switch (direction) {
            case REQUEST -> "Request";
            case RESPONSE -> "Response";
            case CONNECT -> "Connection set-up";
        };
    }

    private static String over(Hop hop) {
        if (hop.redirected()) {
            return "socket to socket, skipping TCP/IP and the devices";
        }
        return hop.overLoopback() ? "over lo in " + hop.namespaces().get(0) : "over veth via " + String.join(" → ",
                hop.namespaces());
    }

    /** What the mode does at this stage that the stage's own words do not say. */
    private static Optional<String> special(PathPlan plan, PathPlan.Pass pass, StageVisit visit) {
        Hop hop = pass.hop();
        Optional<PathPlan.Hook> hook = plan.hookOf(pass);
        LabAddresses addresses = plan.addresses();
        String server = addresses.of(plan.mode().topology().processWithRole(Role.SERVER).namespace());
        if (hook.isPresent() && hook.get().outbound() && visit.stage() == Stage.NF_OUTPUT
                && visit.namespace().equals(hook.get().namespace())) {
            return Optional.of(String.format(Locale.ROOT, "nat OUTPUT: REDIRECT %s:%d → 127.0.0.1:%d (%s's connection;%s"
                            + " exempt by uid)", server, SERVICE_PORT, hook.get().toPort(), hop.sender().name(),
                    hook.get().exempt().isEmpty() ? " no process is" : " " + String.join(", ", hook.get().exempt())
                            + (hook.get().exempt().size() == 1 ? " is" : " are")));
        }
        if (hook.isPresent() && !hook.get().outbound() && visit.stage() == Stage.NF_PREROUTING
                && visit.namespace().equals(hook.get().namespace())) {
            return Optional.of(String.format(Locale.ROOT, "nat PREROUTING: REDIRECT %s:%d → %s:%d, the inbound"
                    + " listener of %s", server, SERVICE_PORT, addresses.of(hook.get().namespace()), hook.get().toPort(),
                    hook.get().proxy()));
        }
        if (visit.direction() == Direction.RESPONSE && visit.stage() == Stage.NF_OUTPUT && pass.hop().receiver().role()
                != Role.PROXY && hopWasRedirected(plan, pass)) {
            return Optional.of("conntrack undoes the REDIRECT on the way back: the reply looks as if it came from "
                    + server + ":" + SERVICE_PORT + ", no rule is run");
        }
        if (visit.stage() == Stage.SK_MSG_REDIRECT) {
            return Optional.of("the sk_msg program finds " + hop.receiver().name() + "'s socket in the SOCKHASH and"
                    + " puts the message straight into its receive queue: no TCP, IP, netfilter or device");
        }
        if (visit.stage() == Stage.TC_PEER_REDIRECT) {
            return Optional.of("the tc program hands the packet straight to " + hop.receiver().name() + "'s device"
                    + " (bpf_redirect_peer): no netfilter, forwarding or second veth in " + visit.namespace());
        }
        if (visit.stage() == Stage.IP_FORWARD) {
            return Optional.of(visit.namespace() + " routes the packet from one veth to the other (ip_forward=1)");
        }
        if (visit.stage() == Stage.PROXY) {
            return Optional.of(hop.receiver().name() + " (HAProxy in the live lab) reads the message, picks the"
                    + " upstream and writes it on: the next pass starts");
        }
        return Optional.empty();
    }

    /** Whether the response's pass runs back over a connection a REDIRECT turned on the way out. */
    private static boolean hopWasRedirected(PathPlan plan, PathPlan.Pass response) {
        ProcessSpec to = response.hop().receiver();
        ProcessSpec from = response.hop().sender();
        return plan.passes(Direction.REQUEST).stream().anyMatch(p -> p.hop().sender().equals(to)
                && p.hop().receiver().equals(from) && plan.hookOf(p).isPresent());
    }

    /** The packet's header as this pass carries it: source and destination before and after the hop. */
    static String header(PathPlan plan, PathPlan.Pass pass) {
        Hop hop = pass.hop();
        if (hop.redirected()) {
            return "Header: none — the bytes move between sockets, no packet is built";
        }
        LabAddresses addresses = plan.addresses();
        ProcessSpec server = plan.mode().topology().processWithRole(Role.SERVER);
        String device = hop.overLoopback() ? "lo" : "veth";
        // Addresses as the sockets see them: a node proxy's sockets are in the pods, not in its own namespace.
        String source = addresses.fromNamespace(hop.receiverSocket(), hop.senderSocket());
        String destination;
        Optional<PathPlan.Hook> hook = plan.hookOf(pass);
        boolean response = !plan.passes(Direction.REQUEST).contains(pass);
        if (hook.isPresent()) {
            String wrote = addresses.of(server.namespace()) + ":" + SERVICE_PORT;
            String after = (hook.get().outbound() ? "127.0.0.1" : addresses.of(hook.get().namespace())) + ":"
                    + hook.get().toPort();
            return String.format(Locale.ROOT, "Header: %s → %s written, %s → %s after the REDIRECT, out %s",
                    source, wrote, source, after, device);
        }
        destination = addresses.fromNamespace(hop.senderSocket(), hop.receiverSocket()) + ":" + (response ? "(its port)"
                : hop.receiver().role() == Role.PROXY ? "listener" : Integer.toString(SERVICE_PORT));
        Topology topology = plan.mode().topology();
        return String.format(Locale.ROOT, "Header: %s → %s, out %s%s", source, destination, device,
                hop.namespaces().subList(1, Math.max(1, hop.namespaces().size() - 1)).stream()
                        .map(ns -> ", " + topology.namespace(ns).forwarding().through(ns)).collect(Collectors.joining()));
    }
}
