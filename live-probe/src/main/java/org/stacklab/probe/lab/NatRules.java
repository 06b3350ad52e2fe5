package org.stacklab.probe.lab;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.Hop;
import org.stacklab.sim.path.NatRedirect;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.topology.ServiceSpec;

/**
 * The iptables REDIRECT rules of a mode, Istio style, inside the namespaces they belong to: exactly
 * the ones its resolved path meets ({@link Hop#turnedBy()}), so that the live lab sends each
 * connection where the model says it goes.
 */
final class NatRules {

    /**
     * The group a proxy runs as, whose own connections nat OUTPUT leaves alone (Debian's haproxy package
     * makes it). By group, not user: a proxy stays root, so that a node proxy may open sockets inside
     * other namespaces as it runs (setns needs the capability).
     */
    static final String PROXY_GROUP = "haproxy";

    private NatRules() {
    }

    /** The REDIRECTs the mode's request path meets, each once. */
    static Set<NatRedirect> of(Mode mode) {
        Set<NatRedirect> met = new LinkedHashSet<>();
        mode.path().forEach(hop -> hop.turnedBy().ifPresent(met::add));
        return met;
    }

    /** The chain that stands for kube-proxy's KUBE-SERVICES in the node. */
    static final String SERVICES_CHAIN = "STACKLAB-SERVICES";

    static void install(LabNetwork network, Mode mode) throws LabException {
        ProcessSpec server = mode.topology().processWithRole(Role.SERVER);
        ServiceSpec service = mode.topology().service();
        if (service != null && service.translation() == ServiceSpec.Translation.IPTABLES_DNAT) {
            installServices(network, mode, service);
        }
        for (NatRedirect redirect : of(mode)) {
            String netns = network.netns(redirect.namespace());
            if (redirect.chain() == NatRedirect.Chain.OUTPUT) {
                checkExemptions(mode, redirect);
                for (int rule = 1; rule < redirect.interception().natRules(); rule++) {
                    // Rules a new connection traverses before the REDIRECT, as in Istio's chains; they never match TCP.
                    Commands.run(Commands.inNamespace(netns, "iptables", "-t", "nat", "-A", "OUTPUT", "-p", "udp",
                            "--dport", Integer.toString(rule), "-j", "RETURN"));
                }
            }
            for (int i = 0; i < LabPorts.SERVICE_PORTS.size(); i++) {
                String port = LabPorts.SERVICE_PORTS.get(i).toString();
                String to = Integer.toString(LabPorts.proxyPort(redirect.chain(), i));
                if (redirect.chain() == NatRedirect.Chain.OUTPUT) {
                    Commands.run(Commands.inNamespace(netns, "iptables", "-t", "nat", "-A", "OUTPUT", "-p", "tcp",
                            "-d", network.addresses().of(server.namespace()), "--dport", port, "-m", "owner", "!",
                            "--gid-owner", PROXY_GROUP, "-j", "REDIRECT", "--to-ports", to));
                } else {
                    Commands.run(Commands.inNamespace(netns, "iptables", "-t", "nat", "-A", "PREROUTING", "-p", "tcp",
                            "--dport", port, "-j", "REDIRECT", "--to-ports", to));
                }
            }
        }
    }

    /**
     * kube-proxy's rules, in each node the client's connection is forwarded through (kube-proxy writes them on
     * every node): nat PREROUTING jumps to a chain with a rule per service, each DNATing its ClusterIP; the
     * lab's service is the last, so a new connection walks them all, on the first node to its translation and
     * on a second, translated already, past all of them. Written with one iptables-restore, as kube-proxy does.
     */
    private static void installServices(LabNetwork network, Mode mode, ServiceSpec service) throws LabException {
        ProcessSpec client = mode.topology().processWithRole(Role.CLIENT);
        List<String> route = mode.path().get(0).namespaces();
        List<String> nodes = route.stream().filter(mode.topology()::forwards).toList();
        if (nodes.isEmpty()) {
            throw new LabException("kube-proxy's rules live in a node the connection is forwarded through; "
                    + client.name() + "'s path to the server has none");
        }
        String backend = network.addresses().of(mode.topology().processWithRole(Role.SERVER).namespace());
        StringBuilder rules = new StringBuilder("*nat\n:" + SERVICES_CHAIN + " - [0:0]\n-A PREROUTING -j "
                + SERVICES_CHAIN + "\n");
        for (int other = 1; other < service.services(); other++) {
            // The cluster's other services: ClusterIPs of the same range that nothing here connects to.
            rules.append("-A ").append(SERVICES_CHAIN).append(" -d 10.96.").append(1 + other / 250).append('.')
                    .append(1 + other % 250).append("/32 -p tcp -j DNAT --to-destination ").append(backend).append('\n');
        }
        rules.append("-A ").append(SERVICES_CHAIN).append(" -d ").append(LabAddresses.SERVICE_ADDRESS)
                .append("/32 -p tcp -j DNAT --to-destination ").append(backend).append("\nCOMMIT\n");
        for (String node : nodes) {
            Commands.runWithInput(rules.toString(), Commands.inNamespace(network.netns(node), "iptables-restore", "--noflush"));
        }
    }

    /** The lab tells a proxy's own connections by its group: it can exempt proxies, and only proxies. */
    private static void checkExemptions(Mode mode, NatRedirect redirect) throws LabException {
        for (String exempt : redirect.interception().exempt()) {
            if (mode.topology().process(exempt).role() != Role.PROXY) {
                throw new LabException("the live lab exempts proxies by their group (" + PROXY_GROUP + "); it cannot exempt '"
                        + exempt + "', which is not a proxy");
            }
        }
    }
}
