/**
 * The eBPF programs of a mode's data path (socket-level redirect: sock_ops and sk_msg), attached to a
 * running lab as the mode's data asks ({@link org.stacklab.probe.datapath.DataPathPrograms}).
 */
package org.stacklab.probe.datapath;
