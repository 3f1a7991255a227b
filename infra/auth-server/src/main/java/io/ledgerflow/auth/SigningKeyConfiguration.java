package io.ledgerflow.auth;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/** The key that signs every token; {@code /oauth2/jwks} publishes its public half. */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyConfiguration.class);

    @Bean
    JWKSource<SecurityContext> jwkSource(AuthProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(signingKey(properties.jwkFile())));
    }

    private static RSAKey signingKey(String jwkFile) {
        if (jwkFile == null || jwkFile.isBlank()) {
            RSAKey key = SigningKeyFile.generate();
            log.warn("ledgerflow.auth.jwk-file (LEDGERFLOW_AUTH_JWK_FILE) is not set: signing with in-memory key {}; "
                    + "tokens issued now stop validating when this process restarts", key.getKeyID());
            return key;
        }
        return SigningKeyFile.loadOrCreate(Path.of(jwkFile));
    }
}
