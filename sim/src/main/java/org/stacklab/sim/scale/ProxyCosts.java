package org.stacklab.sim.scale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.stacklab.sim.topology.ProxyPlacement;

/**
 * What one proxy costs under one published set of assumptions.
 *
 * @param title          a line for people
 * @param source         where the figures come from
 * @param placement      where the measured proxy ran: per pod (sidecars), per node (ztunnel) or shared (a waypoint)
 * @param baseMb         memory of an idle proxy
 * @param mbPer1000Rps   memory per 1,000 requests/s through the proxy
 * @param vcpuPer1000Rps CPU per 1,000 requests/s through the proxy
 * @param addedP90Ms     latency the published benchmark added at p90, or 0 if it gave none
 */
public record ProxyCosts(String title, String source, ProxyPlacement placement, double baseMb, double mbPer1000Rps,
                         double vcpuPer1000Rps, double addedP90Ms) {

    @JsonCreator
    static ProxyCosts fromYaml(@JsonProperty(value = "title", required = true) String title,
                               @JsonProperty(value = "source", required = true) String source,
                               @JsonProperty(value = "placement", required = true) String placement,
                               @JsonProperty("baseMb") Double baseMb,
                               @JsonProperty("mbPer1000Rps") Double mbPer1000Rps,
                               @JsonProperty("vcpuPer1000Rps") Double vcpuPer1000Rps,
                               @JsonProperty("addedP90Ms") Double addedP90Ms) {
        return new ProxyCosts(title, source, ProxyPlacement.byKey(placement).orElseThrow(() -> new IllegalArgumentException(
                "placement is per-pod, per-node or shared, not '" + placement + "'")), orZero(baseMb), orZero(mbPer1000Rps), orZero(vcpuPer1000Rps),
                orZero(addedP90Ms));
    }

    public ProxyCosts {
        if (baseMb < 0 || mbPer1000Rps < 0 || vcpuPer1000Rps < 0 || addedP90Ms < 0) {
            throw new IllegalArgumentException("costs must not be negative");
        }
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
