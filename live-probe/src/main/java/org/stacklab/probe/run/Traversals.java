package org.stacklab.probe.run;

import org.stacklab.sim.report.RunReport;

/**
 * How often one round trip (request and response) crossed each part of the stack: the figures the
 * probe counts in the kernel and the simulator predicts, side by side.
 *
 * @param tcpIp          messages that entered TCP/IP ({@code tcp:tcp_sendmsg_locked})
 * @param lo             data packets queued on a loopback device ({@code net:net_dev_queue})
 * @param veth           data packets queued on a veth
 * @param skMsgRedirects messages the sk_msg program redirected
 */
public record Traversals(double tcpIp, double lo, double veth, double skMsgRedirects) {

    /** The simulator's prediction, from its report of the same mode and workload. */
    public static Traversals predicted(RunReport report) {
        RunReport.Traversals t = report.traversalsPerRequest();
        return new Traversals(t.tcpIp().get("request") + t.tcpIp().get("response"),
                t.devices().getOrDefault("lo", 0.0), t.devices().getOrDefault("veth", 0.0), t.skMsgRedirects());
    }

    /** Whether two counts agree to the nearest tenth of a crossing per round trip. */
    public boolean agreesWith(Traversals other) {
        return near(tcpIp, other.tcpIp) && near(lo, other.lo) && near(veth, other.veth)
                && near(skMsgRedirects, other.skMsgRedirects);
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) < 0.1;
    }
}
