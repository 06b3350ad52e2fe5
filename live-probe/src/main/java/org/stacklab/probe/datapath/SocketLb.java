package org.stacklab.probe.datapath;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.bpf.ArraySlot.ServiceConfig;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.bpf.BpfObject;

/**
 * Socket-LB (bpf/socket_lb.bpf.c): the cgroup connect4 program, on the lab's cgroup, that writes the
 * server's address into a connect() to the service's ClusterIP.
 */
public final class SocketLb extends AttachedObject {

    private SocketLb(BpfObject object) {
        super(object);
    }

    /** Loads the program, gives it the service and its backend, and attaches it to {@code cgroup}. */
    static SocketLb attach(Path cgroup, String serviceAddress, String backendAddress) throws BpfException {
        return setUp(new SocketLb(BpfObject.load(NativeFiles.get().file(NativeFiles.SOCKET_LB))), program -> {
            program.object.mapUpdate(ServiceConfig.MAP, ServiceConfig.ADDRESS.key(), networkOrder(serviceAddress));
            program.object.mapUpdate(ServiceConfig.MAP, ServiceConfig.BACKEND.key(), networkOrder(backendAddress));
            program.attached(program.object.attachToCgroup("translate_service", cgroup));
        });
    }

    /** An IPv4 address as the kernel holds it in {@code user_ip4}: its four bytes in network order. */
    private static byte[] networkOrder(String address) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + address, e);
        }
    }
}
