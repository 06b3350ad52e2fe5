package org.stacklab.probe.datapath;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stacklab.probe.bpf.ArraySlot;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.bpf.BpfObject;

/**
 * A data-path program's loaded object and what it is attached to: closing detaches them, newest first,
 * then unloads the object. A program that writes events of its own has a config slot that switches
 * them on while the path probe watches.
 */
abstract class AttachedObject implements DataPathProgram {

    /** Attaches a freshly loaded program and sets it up. */
    @FunctionalInterface
    interface Setup<T> {
        void on(T program) throws BpfException;
    }

    protected final BpfObject object;
    private final String configMap;
    private final ArraySlot eventsSwitch;
    private final List<AutoCloseable> attached = new ArrayList<>();

    /** A program that writes no events. */
    AttachedObject(BpfObject object) {
        this(object, null, null);
    }

    /** A program whose events {@code eventsSwitch} of {@code configMap} switches on (1) and off (0). */
    AttachedObject(BpfObject object, String configMap, ArraySlot eventsSwitch) {
        this.object = object;
        this.configMap = configMap;
        this.eventsSwitch = eventsSwitch;
    }

    /** Runs the setup; if it fails, what it attached is detached and the object unloaded. */
    static <T extends AttachedObject> T setUp(T program, Setup<T> setup) throws BpfException {
        try {
            setup.on(program);
            return program;
        } catch (BpfException | RuntimeException e) {
            program.close();
            throw e;
        }
    }

    /** Keeps an attachment, to be detached on close. */
    protected final void attached(AutoCloseable attachment) {
        attached.add(attachment);
    }

    @Override
    public final Optional<BpfObject> events() {
        return eventsSwitch == null ? Optional.empty() : Optional.of(object);
    }

    @Override
    public final void watch(boolean on) throws BpfException {
        if (eventsSwitch != null) {
            object.mapUpdate(configMap, eventsSwitch.key(), BpfObject.u32(on ? 1 : 0));
        }
    }

    @Override
    public final void close() {
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
