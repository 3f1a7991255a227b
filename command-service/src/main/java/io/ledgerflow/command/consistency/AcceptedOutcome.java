package io.ledgerflow.command.consistency;

/**
 * An outcome that gives the caller the resource (2xx): its consistency token names every stream the command read or
 * wrote. Any other outcome (a refusal, an unknown or foreign resource) names only what the command wrote, so that
 * the token never says more about other owners' accounts than the answer does.
 */
public interface AcceptedOutcome {
}
