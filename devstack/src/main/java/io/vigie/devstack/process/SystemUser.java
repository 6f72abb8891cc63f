package io.vigie.devstack.process;

import io.vigie.devstack.DevStackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The unprivileged system user a server runs as when devstack itself runs as root (OpenSearch refuses root).
 */
public final class SystemUser {

    private SystemUser() {
    }

    public static boolean currentIsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Creates the user (a system account, no home, no login shell) unless it exists. */
    public static void ensureExists(String user) {
        if (exists(user)) {
            return;
        }
        Path useradd = Commands.find("useradd").orElseThrow(() -> new DevStackException(
                "cannot create user '" + user + "' to run OpenSearch (it refuses to run as root): useradd not found; "
                        + "create the user yourself or run devstack as a regular user"));
        List<String> command = List.of(useradd.toString(), "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", user);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            // Another devstack may have created it meanwhile: only the outcome matters.
            if (process.waitFor() != 0 && !exists(user)) {
                throw new DevStackException("could not create user '" + user + "': " + output.trim());
            }
        } catch (IOException e) {
            throw new DevStackException("could not create user '" + user + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("interrupted while creating user '" + user + "'", e);
        }
    }

    /** Hands {@code tree} (every file and folder in it) to {@code user}. */
    public static void chownTree(Path tree, String user) {
        UserPrincipalLookupService lookup = tree.getFileSystem().getUserPrincipalLookupService();
        try (Stream<Path> paths = Files.walk(tree)) {
            UserPrincipal owner = lookup.lookupPrincipalByName(user);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(user);
            for (Path path : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setOwner(owner);
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw new DevStackException("could not give " + tree + " to user '" + user + "': " + e.getMessage(), e);
        }
    }

    /**
     * Fails unless every folder from / down to {@code path} lets other users through: the unprivileged user must
     * reach its files. A work folder under /root, for one, does not.
     */
    public static void requireReachableByOthers(Path path, String user, String variable) {
        for (Path dir = path.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (!Files.exists(dir)) {
                continue;
            }
            try {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new DevStackException("OpenSearch runs as user '" + user + "' (it refuses to run as root), "
                            + "which cannot enter " + dir + ": set " + variable
                            + " to a folder outside any home directory, e.g. /var/tmp/vigie");
                }
            } catch (IOException e) {
                throw new DevStackException("cannot read permissions of " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    static List<String> runAsPrefix(String user) {
        Path setpriv = Commands.find("setpriv").orElseThrow(() -> new DevStackException(
                "cannot run OpenSearch as user '" + user + "': setpriv (util-linux) not found"));
        return List.of(setpriv.toString(), "--reuid=" + user, "--regid=" + user, "--init-groups", "--");
    }

    private static boolean exists(String user) {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new DevStackException("cannot look up user '" + user + "': " + e.getMessage(), e);
        }
    }
}
