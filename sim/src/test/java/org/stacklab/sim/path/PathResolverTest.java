package org.stacklab.sim.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.topology.Interception;
import org.stacklab.sim.topology.Link;
import org.stacklab.sim.topology.NamespaceSpec;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.topology.Topology;

class PathResolverTest {

    static Mode builtIn(String name) throws ScenarioException {
        return Catalog.mode(Reference.of(name), java.nio.file.Path.of("."), "test", "mode");
    }

    @Test
    void directIsOneHopOverTwoVeths() throws ScenarioException {
        List<Hop> path = builtIn("direct").path();
        assertEquals(1, path.size());
        assertEquals(List.of("client-pod", "node", "server-pod"), path.get(0).namespaces());
        assertFalse(path.get(0).redirected());
    }

    @Test
    void sidecarInterceptionSendsTheRequestThroughBothProxies() throws ScenarioException {
        List<Hop> path = builtIn("sidecar").path();
        assertEquals(List.of("client-app -> client-proxy (lo)",
                "client-proxy -> server-proxy (veth via client-pod, node, server-pod)",
                "server-proxy -> server-app (lo)"), path.stream().map(Hop::toString).toList());
    }

    @Test
    void ambientsNodeProxyIsReachedOverEachPodsOwnLoopback() throws ScenarioException {
        List<Hop> path = builtIn("ambient").path();
        assertEquals(List.of("client-app -> ztunnel (lo)", "ztunnel -> ztunnel (veth via client-pod, node, server-pod)",
                "ztunnel -> server-app (lo)"), path.stream().map(Hop::toString).toList(),
                "as many trips through TCP/IP as a sidecar, through one process");
        assertEquals(List.of("client-pod", "server-pod"), List.of(path.get(0).receiverSocket(), path.get(2).senderSocket()),
                "its sockets are in the pods, though it runs in the node's namespace");
        assertEquals(List.of("client-pod nat OUTPUT", "server-pod nat PREROUTING"), path.stream().limit(2)
                .map(h -> h.turnedBy().orElseThrow()).map(r -> r.namespace() + " " + r.chain().label()).toList());
        assertTrue(path.get(2).turnedBy().isEmpty(), "it connects to the app itself");
    }

    @Test
    void anInterceptionToAProxyWithoutSocketsInItsNamespaceIsRefused() {
        org.stacklab.sim.io.InvalidValue e = assertThrows(org.stacklab.sim.io.InvalidValue.class, () -> new Topology(
                List.of(new NamespaceSpec("a", 0, new Interception("proxy", List.of("proxy"), 1), null),
                        new NamespaceSpec("b", 0, null, null)),
                List.of(new ProcessSpec("client", "a", Role.CLIENT), new ProcessSpec("proxy", "b", Role.PROXY),
                        new ProcessSpec("server", "b", Role.SERVER)),
                List.of(new Link(List.of("a", "b"))), null));
        assertEquals("namespaces[0].outbound.proxy", e.field());
        assertTrue(e.getMessage().contains("a proxy with sockets in that namespace"), e.getMessage());
    }

    @Test
    void sockmapRedirectsOnlyWhatItsScopeCovers() throws ScenarioException {
        assertTrue(builtIn("sockmap").path().get(0).redirected());
        List<Hop> merbridge = builtIn("sidecar+sockmap").path();
        assertEquals(List.of(true, false, true), merbridge.stream().map(Hop::redirected).toList());
    }

    @Test
    void aProxyThatIsNotExemptLoopsAndIsReported() {
        Topology topology = new Topology(
                List.of(new NamespaceSpec("a", 0, new Interception("proxy", List.of(), 1), null),
                        new NamespaceSpec("b", 0, null, null)),
                List.of(new ProcessSpec("client", "a", Role.CLIENT), new ProcessSpec("proxy", "a", Role.PROXY),
                        new ProcessSpec("server", "b", Role.SERVER)),
                List.of(new Link(List.of("a", "b"))), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathResolver.resolve(topology));
        assertTrue(e.getMessage().contains("never reaches server"), e.getMessage());
        assertTrue(e.getMessage().contains("exempt"), e.getMessage());
    }

    @Test
    void namespacesWithoutALinkAreReported() {
        Topology topology = new Topology(
                List.of(new NamespaceSpec("a", 0, null, null), new NamespaceSpec("b", 0, null, null)),
                List.of(new ProcessSpec("client", "a", Role.CLIENT), new ProcessSpec("server", "b", Role.SERVER)),
                List.of(), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathResolver.resolve(topology));
        assertTrue(e.getMessage().contains("no veth links lead from namespace 'a' to 'b'"), e.getMessage());
    }
}
