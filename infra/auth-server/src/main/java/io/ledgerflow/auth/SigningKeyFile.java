package io.ledgerflow.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/** The RSA signing key, kept as a private JWK in a file so that a restart keeps issued tokens valid. */
final class SigningKeyFile {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyFile.class);
    private static final int KEY_SIZE = 2048;

    private SigningKeyFile() {
    }

    /** The key in the file, or a new one written there when the file does not exist. */
    static RSAKey loadOrCreate(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            return load(absolute);
        }
        RSAKey generated = generate();
        try {
            write(absolute, generated);
            log.info("Generated a new signing key {} and stored it in {}", generated.getKeyID(), absolute);
            return generated;
        } catch (FileAlreadyExistsException raced) {
            // another instance sharing the file wrote it first: use theirs so both sign with one key
            return load(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing key to " + absolute, e);
        }
    }

    /** A fresh 2048-bit RSA key whose id is its thumbprint. */
    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(KEY_SIZE).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    static RSAKey load(Path file) {
        try {
            JWK jwk = JWK.parse(Files.readString(file));
            if (!(jwk instanceof RSAKey rsaKey) || !rsaKey.isPrivate()) {
                throw new IllegalStateException(file + " must hold a private RSA JWK");
            }
            // a key without an id gets its thumbprint: stable for as long as the file stays the same
            RSAKey withId = rsaKey.getKeyID() != null ? rsaKey : new RSAKey.Builder(rsaKey).keyIDFromThumbprint().build();
            log.info("Loaded signing key {} from {}", withId.getKeyID(), file);
            return withId;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key from " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(file + " is not a valid JWK: " + e.getMessage(), e);
        }
    }

    private static void write(Path file, RSAKey key) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            restrictToOwner(temporary);
            Files.writeString(temporary, key.toJSONString());
            Files.move(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
