package org.stacklab.sim.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way the lab writes an output file, so that a reader, a crash or a bad path never sees
 * or leaves half of one, and never replaces what is not a file:
 * <ul>
 *   <li>the content goes to a temporary file beside the target ({@code .NAME.<pid>.<n>.part}), is
 *       flushed to disk, then renamed over the target, and the folder is flushed too;</li>
 *   <li>a target that exists must be a regular file: a device, FIFO, socket or folder is refused;</li>
 *   <li>a symbolic link is written through: the file it points to is replaced, the link stays;</li>
 *   <li>a file that is replaced keeps its permissions, and its owner where this process may set it
 *       (as root); a new one is {@code rw-r--r--};</li>
 *   <li>the temporary file is removed on every way out, Ctrl-C and SIGTERM included; one left by a
 *       process that was killed outright is reclaimed by the next write to the same target.</li>
 * </ul>
 * Every failure is an {@link OutputFileException} with one line that names the target.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int MAX_LINKS = 40;
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final Thread REMOVE_IN_FLIGHT = new Thread(() -> IN_FLIGHT.forEach(AtomicFiles::deleteQuietly),
            "stacklab-temp-files");

    static {
        Runtime.getRuntime().addShutdownHook(REMOVE_IN_FLIGHT);
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} whole or not at all.
     *
     * @throws OutputFileException if it cannot be written; the target is then as it was
     */
    public static void write(Path target, Content content) throws OutputFileException {
        Path file = resolve(target);
        Path dir = file.getParent();
        createFolder(target, dir);
        reclaimStale(dir, file.getFileName().toString());
        Path temp = null;
        try {
            temp = createTemp(dir, file.getFileName().toString());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // writers such as Jackson close their stream: the file is not done until forced
                    }
                });
                out.flush();
                channel.force(true);
            }
            keepAttributesOf(file, temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceFolder(dir);
        } catch (OutputFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new OutputFileException(target, reason(e), e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
                IN_FLIGHT.remove(temp);
            }
        }
    }

    /**
     * Checks, before long work, that {@code target} can be written: it is (or would be) a regular
     * file in a folder this process may write. Leaves nothing behind but the folders it would make.
     *
     * @throws OutputFileException if it cannot
     */
    public static void checkWritable(Path target) throws OutputFileException {
        Path file = resolve(target);
        Path dir = file.getParent();
        createFolder(target, dir);
        Path probe = null;
        try {
            probe = createTemp(dir, file.getFileName().toString());
        } catch (IOException e) {
            throw new OutputFileException(target, reason(e), e);
        } finally {
            if (probe != null) {
                deleteQuietly(probe);
                IN_FLIGHT.remove(probe);
            }
        }
    }

    /** The file a target names: itself, or what its symbolic links lead to; refused unless a regular file. */
    private static Path resolve(Path target) throws OutputFileException {
        Path file = target.toAbsolutePath().normalize();
        for (int links = 0; Files.isSymbolicLink(file); links++) {
            if (links == MAX_LINKS) {
                throw new OutputFileException(target, "too many levels of symbolic links");
            }
            try {
                file = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
            } catch (IOException e) {
                throw new OutputFileException(target, reason(e), e);
            }
        }
        if (file.getParent() == null) {
            throw new OutputFileException(target, "is not a file's path");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputFileException(target, "is a folder; give the path of a file in it");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputFileException(target, "is not a regular file (a device, FIFO or socket), so it is not"
                    + " replaced; give the path of a file");
        }
        return file;
    }

    private static void createFolder(Path target, Path dir) throws OutputFileException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OutputFileException(target, "its folder " + dir + " cannot be made: " + reason(e), e);
        }
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "."
                    + Long.toUnsignedString(System.nanoTime() + attempt, 36) + ".part");
            try {
                IN_FLIGHT.add(temp);
                return Files.createFile(temp, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                IN_FLIGHT.remove(temp);
            } catch (UnsupportedOperationException e) {
                return Files.createFile(temp);
            } catch (IOException e) {
                IN_FLIGHT.remove(temp);
                throw e;
            }
        }
    }

    /** Removes this target's temporary files whose writing process is gone (killed outright). */
    private static void reclaimStale(Path dir, String name) {
        Pattern own = Pattern.compile("\\." + Pattern.quote(name) + "\\.(\\d+)\\.[0-9a-z]+\\.part");
        try (var entries = Files.newDirectoryStream(dir, "." + name.replace("*", "?").replace("[", "?") + ".*.part")) {
            for (Path entry : entries) {
                Matcher m = own.matcher(entry.getFileName().toString());
                if (m.matches() && !alive(Long.parseLong(m.group(1)))) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing to reclaim, or no right to look: the write itself will say what is wrong
        }
    }

    private static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A replaced file keeps its permissions, and its owner where this process may set it; a new one is rw-r--r--. */
    private static void keepAttributesOf(Path file, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (!Files.exists(file)) {
            view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
            return;
        }
        PosixFileAttributes old = Files.readAttributes(file, PosixFileAttributes.class);
        try {
            view.setGroup(old.group());
            view.setOwner(old.owner());
        } catch (FileSystemException notPermitted) {
            // only root may give a file away: the replacement is then this user's, as any editor's save is
        }
        view.setPermissions(old.permissions());
    }

    private static void forceFolder(Path dir) {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some file systems cannot flush a folder; the file itself is on disk
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale one is reclaimed by the next write
        }
    }

    /** What went wrong, in the system's own short words ("Read-only file system", "Permission denied"). */
    private static String reason(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.toLowerCase(java.util.Locale.ROOT);
    }
}
