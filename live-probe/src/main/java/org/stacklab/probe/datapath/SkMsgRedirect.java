package org.stacklab.probe.datapath;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.bpf.ArraySlot.RedirectConfig;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.bpf.BpfObject;
import org.stacklab.sim.topology.SocketRedirect;

/**
 * Socket-level redirect (bpf/sockmap_redirect.bpf.c): the sock_ops program, attached to the cgroup
 * of the processes the mode's redirect covers, files each established socket in the sockhash; the
 * sk_msg program, attached to that sockhash, hands each message straight to its peer socket's
 * receive queue, within a pod or across the node as the mode's scope says.
 */
public final class SkMsgRedirect implements DataPathProgram {

    private final BpfObject object;
    private final List<AutoCloseable> attached = new ArrayList<>();

    private SkMsgRedirect(BpfObject object) {
        this.object = object;
    }

    /** Loads the programs and attaches them to the sockets of {@code cgroup}. */
    static SkMsgRedirect attach(SocketRedirect redirect, Path cgroup) throws BpfException {
        SkMsgRedirect program = new SkMsgRedirect(BpfObject.load(NativeFiles.get().file(NativeFiles.SOCKMAP_REDIRECT)));
        try {
            program.object.mapUpdate(RedirectConfig.MAP, RedirectConfig.POD_SCOPE.key(),
                    BpfObject.u32(redirect.scope() == SocketRedirect.Scope.POD ? 1 : 0));
            program.attached.add(program.object.attachToCgroup("file_established", cgroup));
            program.attached.add(program.object.attachSkMsg("redirect_to_peer", "lab_sockets"));
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
        object.mapUpdate(RedirectConfig.MAP, RedirectConfig.EVENTS.key(), BpfObject.u32(on ? 1 : 0));
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
