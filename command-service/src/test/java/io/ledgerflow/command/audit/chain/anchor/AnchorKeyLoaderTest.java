package io.ledgerflow.command.audit.chain.anchor;

import io.ledgerflow.events.audit.AnchorKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class AnchorKeyLoaderTest {

    @Test
    void a_key_given_as_pem_text_signs_and_its_public_half_is_derived() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        AnchorKey key = AnchorKeyLoader.load(properties(true, AnchorKeys.privateKeyPem(pair.getPrivate()), null, null))
                .orElseThrow();

        assertThat(key.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(key.keyId()).isEqualTo(AnchorKeys.keyId(pair.getPublic()));
        assertThat(key.sign(7, "a".repeat(64), Instant.now()).isSignedBy(pair.getPublic())).isTrue();
    }

    @Test
    void a_key_file_written_by_openssl_is_read_and_matches_the_public_key_openssl_derives(@TempDir Path dir)
            throws Exception {
        assumeThat(run(dir, "openssl", "version")).as("openssl is not installed").isZero();
        assertThat(run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "anchor.pem")).isZero();
        assertThat(run(dir, "openssl", "pkey", "-in", "anchor.pem", "-pubout", "-out", "pub.pem")).isZero();

        AnchorKey key = AnchorKeyLoader.load(properties(true, null, dir.resolve("anchor.pem").toString(), null))
                .orElseThrow();

        assertThat(key.publicKey().getEncoded())
                .isEqualTo(AnchorKeys.publicKey(Files.readString(dir.resolve("pub.pem"))).getEncoded());
    }

    @Test
    void without_a_configured_key_one_is_generated_and_written_to_the_generated_key_dir(@TempDir Path dir)
            throws Exception {
        AnchorKey key = AnchorKeyLoader.load(properties(true, null, null, dir.resolve("keys").toString())).orElseThrow();

        Path written = dir.resolve("keys").resolve("anchor-" + key.keyId() + ".pem");
        assertThat(written).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
        AnchorKey reloaded = AnchorKeyLoader.load(properties(true, null, written.toString(), null)).orElseThrow();
        assertThat(reloaded.keyId()).isEqualTo(key.keyId());
        assertThat(Files.readString(dir.resolve("keys").resolve("anchor-" + key.keyId() + ".pub.pem")))
                .isEqualTo(key.publicKeyPem());
    }

    @Test
    void nothing_is_generated_when_anchoring_is_off_and_both_key_settings_at_once_are_refused() throws Exception {
        assertThat(AnchorKeyLoader.load(properties(false, null, null, null))).isEmpty();
        String pem = AnchorKeys.privateKeyPem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        assertThatThrownBy(() -> AnchorKeyLoader.load(properties(true, pem, "/some/file.pem", null)))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> AnchorKeyLoader.load(properties(true, null, "/no/such/anchor.pem", null)))
                .hasMessageContaining("/no/such/anchor.pem");
    }

    private static AnchorProperties properties(boolean enabled, String pem, String file, String generatedDir) {
        return new AnchorProperties(enabled, Duration.ofMinutes(1), pem, file, generatedDir, "topic",
                Duration.ofSeconds(10));
    }

    private static int run(Path dir, String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
