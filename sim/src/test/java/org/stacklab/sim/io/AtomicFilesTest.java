package org.stacklab.sim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way output files are written: whole or not at all, never over what is not a file. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private static AtomicFiles.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private long tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void writesWholeAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("sub/out.json");
        AtomicFiles.write(file, text("{}"));
        assertEquals("{}", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(0, tempFiles());
    }

    @Test
    void aWriterThatClosesItsStreamStillWritesWhole() throws IOException {
        Path file = dir.resolve("closed.json");
        AtomicFiles.write(file, out -> Json.write(java.util.Map.of("a", 1), out)); // Jackson closes what it writes to
        assertEquals(java.util.Map.of("a", 1), Json.mapper().readValue(file.toFile(), java.util.Map.class));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("out.json");
        Files.writeString(file, "old");
        OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.write(file, out -> {
            out.write('x');
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + file + ": no space left on device", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(0, tempFiles());
    }

    @Test
    void aFolderIsRefused() {
        OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.write(dir, text("x")));
        assertTrue(e.getMessage().endsWith("is a folder; give the path of a file in it"), e.getMessage());
        assertThrows(OutputFileException.class, () -> AtomicFiles.checkWritable(dir));
    }

    @Test
    void aDeviceIsRefusedAndStaysADevice() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "no /dev/full here");
        OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.write(full, text("x")));
        assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
        assertFalse(Files.isRegularFile(full, LinkOption.NOFOLLOW_LINKS), "/dev/full is still a device");
    }

    @Test
    void aFifoIsRefusedAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo here");
        assertThrows(OutputFileException.class, () -> AtomicFiles.write(fifo, text("x")));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the FIFO is still a FIFO");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
        AtomicFiles.write(link, text("new"));
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new", Files.readString(real));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), Path.of("made-by-write.json"));
        AtomicFiles.write(dangling, text("made"));
        assertEquals("made", Files.readString(dir.resolve("made-by-write.json")));
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndOwner() throws IOException {
        Path file = dir.resolve("private.json");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        UserPrincipal owner = Files.getOwner(file);
        boolean root = "root".equals(System.getProperty("user.name"));
        UserPrincipal nobody = null;
        if (root) {
            nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(file, nobody);
        }
        AtomicFiles.write(file, text("new"));
        assertEquals("new", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(root ? nobody : owner, Files.getOwner(file));
    }

    @Test
    void aTemporaryFileOfAKilledProcessIsReclaimedByTheNextWrite() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = dir.resolve(".out.json." + gone.pid() + ".abc.part");
        Files.writeString(stale, "half");
        Path mine = dir.resolve(".out.json." + ProcessHandle.current().pid() + ".def.part");
        Files.writeString(mine, "another write of this process, in flight");
        AtomicFiles.write(dir.resolve("out.json"), text("whole"));
        assertFalse(Files.exists(stale), "the dead process's temporary file is reclaimed");
        assertTrue(Files.exists(mine), "a live process's temporary file is left alone");
    }

    @Test
    void aFolderThatCannotBeWrittenIsOneLine() throws IOException {
        Path target;
        if ("root".equals(System.getProperty("user.name"))) {
            target = Path.of("/proc/stacklab-out.json"); // root may write anywhere but in /proc
            assumeTrue(Files.isDirectory(target.getParent()), "no /proc here");
        } else {
            Path locked = Files.createDirectory(dir.resolve("locked"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
            target = locked.resolve("out.json");
        }
        OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.checkWritable(target));
        assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertThrows(OutputFileException.class, () -> AtomicFiles.write(target, text("x")));
    }
}
