package org.stacklab.probe.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.topology.Link;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Topology;

/**
 * The addresses the live lab gives a topology, worked out from the topology alone so that the lab
 * window can name the same addresses in its captions: link {@code k} is the subnet
 * {@code 10.201.<k+1>.0/24}, the namespace that forwards (joined by several links, the node) takes
 * {@code .1} on it and the other end {@code .2}; a pod is reached at its veth's address, the node
 * at its first link's, and a namespace without links only over {@code lo}.
 */
public final class LabAddresses {

    /** Where each end of a link is, by the link's index: {namespace A's address, namespace B's}. */
    private final Map<Integer, String[]> linkEnds = new LinkedHashMap<>();
    private final Map<String, String> byNamespace = new LinkedHashMap<>();
    private final Topology topology;

    public LabAddresses(Topology topology) {
        this.topology = topology;
        topology.namespaces().forEach(ns -> byNamespace.put(ns.name(), "127.0.0.1"));
        List<Link> links = topology.links();
        for (int k = 0; k < links.size(); k++) {
            String a = links.get(k).between().get(0);
            String b = links.get(k).between().get(1);
            boolean aRoutes = topology.forwards(a);
            String subnet = "10.201." + (k + 1) + ".";
            String[] ends = {subnet + (aRoutes ? 1 : 2), subnet + (aRoutes ? 2 : 1)};
            linkEnds.put(k, ends);
            claim(a, ends[0]);
            claim(b, ends[1]);
        }
    }

    private void claim(String namespace, String own) {
        if (!topology.forwards(namespace) || byNamespace.get(namespace).equals("127.0.0.1")) {
            byNamespace.put(namespace, own);
        }
    }

    /** Link {@code k}'s subnet, as routes name it. */
    public String subnet(int k) {
        return "10.201." + (k + 1) + ".0/24";
    }

    /** The address of the tunnel over link {@code k} at its end in {@code namespace} (links with an overlay). */
    public String tunnelEnd(int k, String namespace) {
        return linkEnd(k, namespace).replace("10.201.", "10.202.");
    }

    /** The address of link {@code k}'s end in {@code namespace}. */
    public String linkEnd(int k, String namespace) {
        return linkEnds.get(k)[topology.links().get(k).between().get(0).equals(namespace) ? 0 : 1];
    }

    /**
     * The ClusterIP of the topology's service: in Kubernetes' default service range, routed by no one,
     * reachable only once translated.
     */
    public static final String SERVICE_ADDRESS = "10.96.0.10";

    /** The address at which a namespace is reached from the others. */
    public String of(String namespace) {
        return byNamespace.get(namespace);
    }

    /** The address a process connects to in order to reach a namespace: {@code lo} inside it. */
    public String from(ProcessSpec process, String namespace) {
        return fromNamespace(process.namespace(), namespace);
    }

    /** The address a socket in namespace {@code from} connects to in order to reach namespace {@code to}. */
    public String fromNamespace(String from, String to) {
        return from.equals(to) ? "127.0.0.1" : of(to);
    }
}
