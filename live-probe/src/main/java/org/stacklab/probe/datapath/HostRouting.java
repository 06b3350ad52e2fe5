package org.stacklab.probe.datapath;

import java.nio.file.Path;
import java.util.List;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.bpf.ArraySlot.RoutingConfig;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.bpf.BpfObject;

/**
 * eBPF host routing (bpf/host_routing.bpf.c): the tc program on the ingress of each of a
 * namespace's veth ends, which routes a packet passing through by a FIB lookup and hands it to the
 * next namespace's device with bpf_redirect_peer, past that namespace's own stack.
 */
public final class HostRouting extends AttachedObject {

    private HostRouting(BpfObject object) {
        super(object, RoutingConfig.MAP, RoutingConfig.EVENTS);
    }

    /**
     * Loads the program and attaches it to the ingress of every device named.
     *
     * @param netns   the namespace's path ({@code /run/netns/…})
     * @param devices its veth ends
     */
    static HostRouting attach(Path netns, List<String> devices) throws BpfException {
        return setUp(new HostRouting(BpfObject.load(NativeFiles.get().file(NativeFiles.HOST_ROUTING))), program -> {
            for (String device : devices) {
                program.attached(program.object.attachTcIngress("route_to_peer", netns, device));
            }
        });
    }
}
