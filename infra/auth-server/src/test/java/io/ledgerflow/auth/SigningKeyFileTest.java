package io.ledgerflow.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.jwk.RSAKey;

class SigningKeyFileTest {

    @TempDir
    Path directory;

    @Test
    void aNewFileIsReadableByItsOwnerOnly() throws IOException {
        Path file = directory.resolve("jwk.json");

        RSAKey key = SigningKeyFile.loadOrCreate(file);

        assertThat(key.isPrivate()).isTrue();
        assertThat(key.size()).isEqualTo(2048);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SigningKeyFile.loadOrCreate(file)).isEqualTo(key);
    }

    @Test
    void aKeyWithoutAnIdIsIdentifiedByItsThumbprint() throws Exception {
        RSAKey withoutId = new RSAKey.Builder(SigningKeyFile.generate()).keyID(null).build();
        Path file = Files.writeString(directory.resolve("jwk.json"), withoutId.toJSONString());

        assertThat(SigningKeyFile.loadOrCreate(file).getKeyID()).isEqualTo(withoutId.computeThumbprint().toString());
    }

    @Test
    void aPublicKeyCannotSign() throws IOException {
        Path file = Files.writeString(directory.resolve("jwk.json"), SigningKeyFile.generate().toPublicJWK().toJSONString());

        assertThatThrownBy(() -> SigningKeyFile.loadOrCreate(file)).hasMessageContaining("must hold a private RSA JWK");
    }
}
