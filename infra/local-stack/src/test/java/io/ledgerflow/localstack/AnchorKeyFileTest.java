package io.ledgerflow.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class AnchorKeyFileTest {

    @Test
    void the_anchor_key_is_generated_once_as_an_ed25519_pkcs8_pem_and_kept(@TempDir Path data) throws Exception {
        Path file = data.resolve("audit").resolve("anchor-key.pem");

        AnchorKeyFile.ensure(file);
        String first = Files.readString(file);
        AnchorKeyFile.ensure(file);

        assertThat(Files.readString(file)).isEqualTo(first);
        String body = first.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        assertThat(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(body))).getAlgorithm()).isIn("EdDSA", "Ed25519");
    }
}
