package io.ledgerflow.query.messaging;

/**
 * Another generation of the projections became current while this consumer wrote the previous one: it resumes
 * at the new generation's checkpoints ({@link ResumeAtCurrentGeneration}).
 */
class GenerationSwitchedException extends RuntimeException {

    GenerationSwitchedException(String message) {
        super(message);
    }
}
