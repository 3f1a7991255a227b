package io.ledgerflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The command-service's audit anchor signing key (Ed25519, PKCS#8 PEM as openssl writes it), generated once in
 * the data directory and kept: anchors signed before a restart still verify against the key served after it.
 */
final class AnchorKeyFile {

    private AnchorKeyFile() {
    }

    static Path ensure(Path file) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
            Files.createDirectories(file.getParent());
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the anchor signing key " + file, e);
        }
    }
}
