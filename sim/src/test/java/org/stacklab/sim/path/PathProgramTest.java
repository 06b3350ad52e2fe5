package org.stacklab.sim.path;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.stack.Stage;

class PathProgramTest {

    private static List<String> requestPacket(String mode) throws ScenarioException {
        PathProgram program = new PathProgram(PathResolverTest.builtIn(mode), 64, 64, false);
        return program.scripts().get(PathProgram.START).steps().stream()
                .map(step -> step.stage() + "@" + step.namespace() + (step.device() == null ? "" : " " + step.device()))
                .toList();
    }

    /**
     * Where the node forwards by eBPF, its tc program takes the packet from the client's veth straight into the
     * server pod: no netfilter, no IP forwarding and no second veth in the node; the server pod's receive is
     * the same as direct's.
     */
    @Test
    void hostRoutingSkipsTheNodesStackAndItsSecondVeth() throws ScenarioException {
        List<String> direct = requestPacket("direct");
        List<String> hostRouting = requestPacket("host-routing");
        assertEquals(List.of("DEV_XMIT@client-pod veth:client-pod>node", "NET_RX@node veth:client-pod>node",
                "NF_PREROUTING@node", "IP_FORWARD@node", "NF_FORWARD@node", "NF_POSTROUTING@node",
                "DEV_XMIT@node veth:node>server-pod", "NET_RX@server-pod veth:node>server-pod", "NF_PREROUTING@server-pod"),
                direct.subList(direct.indexOf("DEV_XMIT@client-pod veth:client-pod>node"), direct.indexOf("IP_RCV@server-pod")));
        assertEquals(List.of("DEV_XMIT@client-pod veth:client-pod>node", "NET_RX@node veth:client-pod>node",
                "TC_PEER_REDIRECT@node veth:client-pod>node", "NF_PREROUTING@server-pod"),
                hostRouting.subList(hostRouting.indexOf("DEV_XMIT@client-pod veth:client-pod>node"),
                        hostRouting.indexOf("IP_RCV@server-pod")));
        assertEquals(direct.subList(direct.indexOf("IP_RCV@server-pod"), direct.size()),
                hostRouting.subList(hostRouting.indexOf("IP_RCV@server-pod"), hostRouting.size()));
        assertEquals(1, hostRouting.stream().filter(s -> s.startsWith(Stage.TC_PEER_REDIRECT.name())).count());
    }
}
