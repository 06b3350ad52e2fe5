package org.stacklab.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.stacklab.probe.lab.TempFolders;

/**
 * The probe's native parts, built with the module when clang, libbpf and bpftool are present and
 * shipped inside the jar: the JNI library, the eBPF objects and the workload driver. They are
 * copied once per process into a private temporary folder ({@link TempFolders}), removed at exit.
 */
public final class NativeFiles {

    public static final String JNI_LIBRARY = "libstacklab_bpf.so";
    public static final String PATH_PROBE = "path_probe.bpf.o";
    public static final String SOCKMAP_REDIRECT = "sockmap_redirect.bpf.o";
    public static final String HOST_ROUTING = "host_routing.bpf.o";
    public static final String SOCKET_LB = "socket_lb.bpf.o";
    public static final String WORKLOAD_DRIVER = "workload-driver";
    static final List<String> ALL = List.of(JNI_LIBRARY, PATH_PROBE, SOCKMAP_REDIRECT, HOST_ROUTING, SOCKET_LB, WORKLOAD_DRIVER);

    private static final String RESOURCES = "/org/stacklab/probe/native/";
    private static NativeFiles instance;

    private final Path dir;

    private NativeFiles(Path dir) {
        this.dir = dir;
    }

    /** Whether this build holds the native parts. */
    public static boolean built() {
        return ALL.stream().allMatch(name -> NativeFiles.class.getResource(RESOURCES + name) != null);
    }

    /**
     * The native parts, extracted.
     *
     * @throws IllegalStateException if this build has none
     */
    public static synchronized NativeFiles get() {
        if (instance == null) {
            if (!built()) {
                throw new IllegalStateException("this build has no live-probe native parts: install clang, llvm,"
                        + " libbpf-dev, bpftool and gcc, then rebuild (as root, ./stacklab setup does both)");
            }
            instance = new NativeFiles(extract());
        }
        return instance;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    private static Path extract() {
        try {
            Path dir = TempFolders.create("native");
            for (String name : ALL) {
                try (InputStream in = NativeFiles.class.getResourceAsStream(RESOURCES + name)) {
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            dir.resolve(WORKLOAD_DRIVER).toFile().setExecutable(true, true);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the live probe's native parts", e);
        }
    }
}
