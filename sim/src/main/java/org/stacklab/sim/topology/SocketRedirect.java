package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.stacklab.sim.io.EnumNames;

/**
 * eBPF socket-level redirect: a {@code sock_ops} program on a cgroup files the established TCP
 * sockets of its processes into a {@code SOCKHASH}, and an {@code sk_msg} program redirects each
 * message into the peer socket's receive queue. A hop between two such sockets skips TCP/IP and
 * the device; connection set-up still takes the normal path.
 *
 * @param cgroup the processes whose sockets are redirected
 * @param scope  which pairs are redirected: any two on the node, or only two in one pod
 */
public record SocketRedirect(List<String> cgroup, Scope scope) {

    /** Which socket pairs the sk_msg program redirects. */
    public enum Scope {
        /** Any two sockets of the cgroup on this node (Cilium's socket-level acceleration). */
        NODE,
        /** Only pairs inside one network namespace: app and sidecar (Merbridge). */
        POD;

        @JsonCreator
        public static Scope parse(String text) {
            return EnumNames.parse(Scope.class, text, "scope");
        }

        @JsonValue
        @Override
        public String toString() {
            return EnumNames.of(this);
        }
    }

    @JsonCreator
    public SocketRedirect(@JsonProperty(value = "cgroup", required = true) List<String> cgroup,
                          @JsonProperty("scope") Scope scope) {
        this.cgroup = List.copyOf(cgroup);
        this.scope = scope == null ? Scope.NODE : scope;
    }

    /**
     * Whether the redirect covers a message from {@code sender} to {@code receiver}, on one node (see
     * {@link Topology#redirects}: across nodes no sockhash holds both sockets).
     */
    public boolean redirects(ProcessSpec sender, ProcessSpec receiver) {
        return cgroup.contains(sender.name()) && cgroup.contains(receiver.name())
                && (scope == Scope.NODE || sender.namespace().equals(receiver.namespace()));
    }
}
