package org.stacklab.probe.doctor;

/**
 * One requirement of the live probe, checked.
 *
 * @param name     what was checked
 * @param passed   whether it holds
 * @param detail   what was found
 * @param fix      what to do if it does not hold
 * @param required whether live mode needs it (else it is only needed for rebuilding or a yardstick)
 */
public record Check(String name, boolean passed, String detail, String fix, boolean required) {
}
