package org.stacklab.probe.datapath;

import java.nio.file.Path;
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
public final class SkMsgRedirect extends AttachedObject {

    private SkMsgRedirect(BpfObject object) {
        super(object, RedirectConfig.MAP, RedirectConfig.EVENTS);
    }

    /** Loads the programs and attaches them to the sockets of {@code cgroup}. */
    static SkMsgRedirect attach(SocketRedirect redirect, Path cgroup) throws BpfException {
        return setUp(new SkMsgRedirect(BpfObject.load(NativeFiles.get().file(NativeFiles.SOCKMAP_REDIRECT))), program -> {
            program.object.mapUpdate(RedirectConfig.MAP, RedirectConfig.POD_SCOPE.key(),
                    BpfObject.u32(redirect.scope() == SocketRedirect.Scope.POD ? 1 : 0));
            program.attached(program.object.attachToCgroup("file_established", cgroup));
            program.attached(program.object.attachSkMsg("redirect_to_peer", "lab_sockets"));
        });
    }
}
