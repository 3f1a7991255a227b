package io.ledgerflow.testkit.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The signing key handed to the server as its JWK file. The testkit writes it itself so that it holds the
 * very private key the server signs with, and can mint tokens the server would have issued.
 */
final class SigningKeyFiles {

    private SigningKeyFiles() {
    }

    /** The key in the file; a new one written there first if the file does not exist. */
    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                RSAKey key = RSAKey.parse(Files.readString(file));
                if (!key.isPrivate()) {
                    throw new IllegalStateException(file + " must hold a private RSA JWK");
                }
                // the server names a key without a kid by its thumbprint; so must we, to sign as it does
                return key.getKeyID() != null ? key : new RSAKey.Builder(key).keyIDFromThumbprint().build();
            }
            RSAKey key = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, key.toJSONString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(file + " is not an RSA JWK: " + e.getMessage(), e);
        }
    }

    /** A 2048-bit RSA signing key whose kid is its thumbprint, as the server makes its own. */
    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** Another key under the same kid: what a forger without the server's private key could produce. */
    static RSAKey impostorOf(RSAKey genuine) {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyID(genuine.getKeyID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
