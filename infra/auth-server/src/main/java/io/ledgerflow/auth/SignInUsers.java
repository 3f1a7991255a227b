package io.ledgerflow.auth;

import java.util.List;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** Turns {@code ledgerflow.auth.users} into the people who may sign in on the login page. */
final class SignInUsers {

    private SignInUsers() {
    }

    static UserDetailsService from(AuthProperties properties, PasswordEncoder passwordEncoder) {
        List<UserDetails> users = properties.users().stream()
                .map(user -> User.withUsername(user.username())
                        .password(RegisteredClients.encoded(user.password(), passwordEncoder))
                        .roles(user.roles().toArray(String[]::new))
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }
}
