package dev.muninn.server.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master keys: {@code MUNINN_MASTER_KEY} (base64 of 32 bytes) if set, else the
 * key file {@code <data-dir>/master.key}, generated on first start. Messages name where a
 * key came from and its id, never its value.
 */
final class MasterKeyLoader {

    static final String KEY_FILE_NAME = "master.key";
    static final String MASTER_KEY_SOURCE = "MUNINN_MASTER_KEY (muninn.secrets.master-key)";

    private static final Logger log = LoggerFactory.getLogger(MasterKeyLoader.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecureRandom random;

    MasterKeyLoader(SecureRandom random) {
        this.random = random;
    }

    MasterKeys load(String configuredKey, String previousKeys, Path dataDir) {
        MasterKey current;
        if (configuredKey == null || configuredKey.isBlank()) {
            current = fromKeyFile(dataDir.resolve(KEY_FILE_NAME));
        } else {
            current = MasterKey.of(decode(configuredKey, MASTER_KEY_SOURCE));
            log.info("Secrets: master key {} from MUNINN_MASTER_KEY", current.id());
        }
        List<MasterKey> previous = new ArrayList<>();
        if (previousKeys != null) {
            String[] entries = previousKeys.split(",");
            for (int i = 0; i < entries.length; i++) {
                if (!entries[i].isBlank()) {
                    previous.add(MasterKey.of(decode(entries[i],
                            "muninn.secrets.previous-master-keys entry " + (i + 1))));
                }
            }
        }
        if (!previous.isEmpty()) {
            log.info("Secrets: {} previous master key(s) can still open older values: {}", previous.size(),
                    previous.stream().map(MasterKey::id).toList());
        }
        return MasterKeys.of(current, previous);
    }

    static byte[] decode(String base64, String source) {
        String text = base64.strip();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notStandard) {
            try {
                bytes = Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException notUrlSafe) {
                // No cause attached: the decoder's message quotes a character of the key.
                throw new InvalidMasterKeyException(source + " is not valid base64;"
                        + " expected the base64 of 32 random bytes, e.g. from `openssl rand -base64 32`");
            }
        }
        if (bytes.length != MasterKey.LENGTH) {
            throw new InvalidMasterKeyException(source + " decodes to " + bytes.length + " bytes;"
                    + " expected the base64 of 32 random bytes, e.g. from `openssl rand -base64 32`");
        }
        return bytes;
    }

    private MasterKey fromKeyFile(Path file) {
        try {
            if (Files.notExists(file)) {
                generate(file);
            }
            warnIfReadableByOthers(file);
            MasterKey key = MasterKey.of(decode(Files.readString(file, StandardCharsets.US_ASCII), "key file " + file));
            log.info("Secrets: master key {} from key file {}", key.id(), file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    /**
     * Writes a new key to a temporary file that is owner-only from its creation, then
     * publishes it with a hard link, which fails if another process got there first; so the
     * key file is never readable by others and never seen half-written.
     */
    private void generate(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        byte[] key = new byte[MasterKey.LENGTH];
        random.nextBytes(key);
        byte[] content = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path temp = Files.createTempFile(dir, ".master.key-", ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            publish(temp, file);
            log.warn("Secrets: generated a new master key {} in {}. Back this file up: stored API keys cannot be"
                    + " opened without it. Replicas must share one key through MUNINN_MASTER_KEY.",
                    MasterKey.of(key).id(), file);
            if (!posix) {
                log.warn("Secrets: this file system has no POSIX permissions; restrict access to {} yourself", file);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(content, (byte) 0);
            Files.deleteIfExists(temp);
        }
    }

    private static void publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException anotherProcessWon) {
            // Their key is as good as ours; the caller reads it.
        } catch (UnsupportedOperationException noHardLinks) {
            try {
                Files.move(temp, file);
            } catch (FileAlreadyExistsException anotherProcessWon) {
                // As above.
            }
        }
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn("Secrets: key file {} has permissions {}; it should be rw------- (chmod 600)",
                    file, PosixFilePermissions.toString(permissions));
        }
    }
}
