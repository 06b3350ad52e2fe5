package org.stacklab.probe.datapath;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.lab.LabAddresses;
import org.stacklab.probe.lab.LabTopology;
import org.stacklab.sim.topology.Forwarding;
import org.stacklab.sim.topology.NamespaceSpec;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.topology.ServiceSpec;
import org.stacklab.sim.topology.Topology;

/**
 * The one place where a mode's data says which data-path programs its live lab runs: each feature
 * of the topology that needs a program maps to one here, so the rest of the probe handles any mode
 * alike.
 */
public final class DataPathPrograms {

    private DataPathPrograms() {
    }

    /**
     * Loads and attaches the programs the lab's topology asks for; on failure, those attached are removed.
     *
     * @return what to close when the measurement is over
     */
    public static List<DataPathProgram> attach(LabTopology lab) throws BpfException {
        Topology topology = lab.mode().topology();
        List<DataPathProgram> programs = new ArrayList<>();
        try {
            for (java.nio.file.Path cgroup : lab.redirectedCgroups()) {
                programs.add(SkMsgRedirect.attach(topology.redirect(), cgroup));
            }
            if (topology.service() != null && topology.service().translation() == ServiceSpec.Translation.SOCKET_LB) {
                ProcessSpec client = topology.processWithRole(Role.CLIENT);
                programs.add(SocketLb.attach(lab.cgroup(), LabAddresses.SERVICE_ADDRESS, lab.serverAddress(client)));
            }
            for (NamespaceSpec namespace : topology.namespaces()) {
                if (namespace.forwarding() == Forwarding.BPF_PEER_REDIRECT) {
                    programs.add(HostRouting.attach(lab.netnsPath(namespace.name()), lab.devicesIn(namespace.name())));
                }
            }
            return programs;
        } catch (BpfException | RuntimeException e) {
            programs.forEach(DataPathProgram::close);
            throw e;
        }
    }
}
