package io.ledgerflow.query.security;

import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.security.Roles;
import io.ledgerflow.servicekit.web.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose ledger data a caller may read: viewers and operators everything, a client the accounts it owns (and
 * their entries and transfers), never a system account such as {@code @world:USD}. Queries apply the scope in
 * their filter, so that what is out of scope looks exactly like what does not exist.
 */
public final class ReadScope {

    private static final ReadScope EVERYTHING = new ReadScope(null);

    private final String owner;

    private ReadScope(String owner) {
        this.owner = owner;
    }

    public static ReadScope everything() {
        return EVERYTHING;
    }

    public static ReadScope ownedBy(String subject) {
        return new ReadScope(Objects.requireNonNull(subject, "subject"));
    }

    /** The authenticated caller's scope; a caller with no reading role reads nothing (the policy stops it first). */
    public static ReadScope current() {
        Caller caller = Caller.current().orElseThrow(ReadScope::forbidden);
        if (caller.has(Roles.VIEWER) || caller.has(Roles.OPERATOR)) {
            return everything();
        }
        if (caller.has(Roles.CLIENT)) {
            return ownedBy(caller.subject());
        }
        throw forbidden();
    }

    /** The one owner whose accounts are in scope; empty when every account is. */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    private static ApiProblem forbidden() {
        return new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "your role does not allow this request");
    }

    @Override
    public String toString() {
        return owner == null ? "ReadScope[everything]" : "ReadScope[owner=" + owner + "]";
    }
}
