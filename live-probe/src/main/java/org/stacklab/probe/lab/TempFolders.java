package org.stacklab.probe.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The probe's private temporary folders ({@code stacklab-<kind>-<pid>-<random>} in the system's
 * temporary folder: HAProxy's configurations and logs, the extracted native parts). Each carries
 * its owner's process id, is removed when it is done with and at exit (Ctrl-C and SIGTERM
 * included), and one whose owner was killed outright is reclaimed by {@link LabCleanup}.
 */
public final class TempFolders {

    private static final String PREFIX = "stacklab-";
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "([a-z]+)-(\\d+)-\\d+");
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(TempFolders::deleteTree),
                "stacklab-temp-folders"));
    }

    private TempFolders() {
    }

    /** Makes a private folder of this process for {@code kind} (letters only), removed at exit if not before. */
    public static Path create(String kind) throws IOException {
        Path dir = Files.createTempDirectory(PREFIX + kind + "-" + ProcessHandle.current().pid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        LIVE.add(dir);
        return dir;
    }

    /** Removes a folder this process made, with everything in it. */
    public static void delete(Path dir) {
        deleteTree(dir);
        LIVE.remove(dir);
    }

    /** Removes the folders of processes that are gone; returns what it removed. */
    static List<String> removeDead() {
        List<String> removed = new ArrayList<>();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path dir : entries.filter(Files::isDirectory).toList()) {
                Matcher m = OWNED.matcher(dir.getFileName().toString());
                if (m.matches() && !LabCleanup.alive(Long.parseLong(m.group(2)))) {
                    deleteTree(dir);
                    removed.add("folder " + dir);
                }
            }
        } catch (IOException ignored) {
            // no temporary folder to look at
        }
        return removed;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // already gone
        }
    }
}
