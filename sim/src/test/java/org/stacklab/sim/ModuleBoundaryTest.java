package org.stacklab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code sim} stays free of the lab: no JavaFX, no native code, no other Stack Lab module, in
 * its classes or on its class path.
 */
class ModuleBoundaryTest {

    private static final List<String> FORBIDDEN = List.of("javafx/", "org/stacklab/cli/", "org/stacklab/ui/",
            "org/stacklab/probe/", "loadLibrary");

    @Test
    void simClassesReferNeitherToJavaFxNorToNativeCode() throws IOException {
        Path classes = Path.of("target/classes");
        assertTrue(Files.isDirectory(classes), "run from the sim module after compiling");
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
            assertTrue(classFiles.size() > 20, "found the simulator's classes");
            for (Path file : classFiles) {
                byte[] bytes = Files.readAllBytes(file);
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                for (String forbidden : FORBIDDEN) {
                    assertTrue(!text.contains(forbidden), file + " refers to " + forbidden);
                }
                assertEquals(0, nativeMethods(bytes), file + " declares a native method");
            }
        }
    }

    @Test
    void simClassPathHasNoJavaFx() {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            assertTrue(!entry.contains("javafx") && !entry.contains("stacklab-lab-ui")
                    && !entry.contains("live-probe"), "sim's class path holds " + entry);
        }
    }

    /** Counts methods with ACC_NATIVE by walking the class file's structure. */
    private static int nativeMethods(byte[] b) {
        ClassReader r = new ClassReader(b);
        r.skip(8);
        int constants = r.u2();
        for (int i = 1; i < constants; i++) {
            int tag = r.u1();
            switch (tag) {
                case 1 -> r.skip(r.u2());
                case 3, 4, 9, 10, 11, 12, 17, 18 -> r.skip(4);
                case 5, 6 -> { r.skip(8); i++; }
                case 7, 8, 16, 19, 20 -> r.skip(2);
                case 15 -> r.skip(3);
                default -> throw new IllegalStateException("constant tag " + tag);
            }
        }
        r.skip(6);
        r.skip(2 * r.u2());
        int fields = r.u2();
        for (int i = 0; i < fields; i++) {
            r.skip(6);
            skipAttributes(r);
        }
        int methods = r.u2();
        int found = 0;
        for (int i = 0; i < methods; i++) {
            if ((r.u2() & 0x0100) != 0) {
                found++;
            }
            r.skip(4);
            skipAttributes(r);
        }
        return found;
    }

    private static void skipAttributes(ClassReader r) {
        int attributes = r.u2();
        for (int a = 0; a < attributes; a++) {
            r.skip(2);
            r.skip(r.u4());
        }
    }

    private static final class ClassReader {
        private final byte[] b;
        private int at;

        ClassReader(byte[] b) {
            this.b = b;
        }

        int u1() {
            return b[at++] & 0xff;
        }

        int u2() {
            return (u1() << 8) | u1();
        }

        int u4() {
            return (u2() << 16) | u2();
        }

        void skip(int n) {
            at += n;
        }
    }
}
