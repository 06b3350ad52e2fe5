package org.stacklab.probe.datapath;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.bpf.ArraySlot.RoutingConfig;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.bpf.BpfObject;

/**
 * eBPF host routing (bpf/host_routing.bpf.c): the tc program on the ingress of each of a
 * namespace's veth ends, which routes a packet passing through by a FIB lookup and hands it to the
 * next namespace's device with bpf_redirect_peer, past that namespace's own stack.
 */
public final class HostRouting implements DataPathProgram {

    private final BpfObject object;
    private final List<AutoCloseable> attached = new ArrayList<>();

    private HostRouting(BpfObject object) {
        this.object = object;
    }

    /**
     * Loads the program and attaches it to the ingress of every device named.
     *
     * @param netns   the namespace's path ({@code /run/netns/…})
     * @param devices its veth ends
     */
    static HostRouting attach(Path netns, List<String> devices) throws BpfException {
        HostRouting program = new HostRouting(BpfObject.load(NativeFiles.get().file(NativeFiles.HOST_ROUTING)));
        try {
            for (String device : devices) {
                program.attached.add(program.object.attachTcIngress("route_to_peer", netns, device));
            }
            return program;
        } catch (BpfException | RuntimeException e) {
            program.close();
            throw e;
        }
    }

    @Override
    public Optional<BpfObject> events() {
        return Optional.of(object);
    }

    @Override
    public void watch(boolean on) throws BpfException {
        object.mapUpdate(RoutingConfig.MAP, RoutingConfig.EVENTS.key(), BpfObject.u32(on ? 1 : 0));
    }

    @Override
    public void close() {
        for (int i = attached.size() - 1; i >= 0; i--) {
            try {
                attached.get(i).close();
            } catch (Exception ignored) {
                // detaching the rest and unloading matter more
            }
        }
        attached.clear();
        object.close();
    }
}
