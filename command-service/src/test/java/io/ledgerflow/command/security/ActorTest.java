package io.ledgerflow.command.security;

import io.ledgerflow.command.account.WorldAccount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActorTest {

    @Test
    void a_client_uses_its_own_accounts_only_and_an_operator_any() {
        assertThat(new Actor("alice", false).mayUse("alice")).isTrue();
        assertThat(new Actor("alice", false).mayUse("bob")).isFalse();
        assertThat(new Actor("op", true).mayUse("bob")).isTrue();
        assertThat(new Actor("op", true).mayUse(WorldAccount.OWNER)).isTrue();
    }

    @Test
    void a_client_whose_subject_is_the_settlement_accounts_owner_still_may_not_use_them() {
        // an issuer could name a client "system": it must not own @world:<CUR> and mint money from it
        assertThat(new Actor(WorldAccount.OWNER, false).mayUse(WorldAccount.OWNER)).isFalse();
    }
}
