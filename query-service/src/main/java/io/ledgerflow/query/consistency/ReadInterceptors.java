package io.ledgerflow.query.consistency;

import io.ledgerflow.query.web.OneGenerationPerRead;
import io.ledgerflow.servicekit.web.KnownParametersOnly;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Set;

/**
 * Every request of the API names only parameters its endpoint takes ({@link KnownParametersOnly}); a read may ask to
 * see a command's effects first ({@link ConsistencyWait}); then it is held to the generation current at that moment
 * ({@link OneGenerationPerRead}). In that order.
 */
@Configuration
public class ReadInterceptors implements WebMvcConfigurer {

    private final ConsistencyWait wait;
    private final OneGenerationPerRead oneGeneration;

    public ReadInterceptors(ConsistencyWait wait, OneGenerationPerRead oneGeneration) {
        this.wait = wait;
        this.oneGeneration = oneGeneration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // several tokens may be sent as several consistentWith, each checked and waited on (ConsistencyWait)
        registry.addInterceptor(new KnownParametersOnly(Set.of(ConsistencyWait.PARAMETER,
                ConsistencyWait.TIMEOUT_PARAMETER), Set.of(ConsistencyWait.PARAMETER)))
                .addPathPatterns("/api/v1/**").order(-1);
        registry.addInterceptor(wait).addPathPatterns("/api/v1/**").order(0);
        registry.addInterceptor(oneGeneration).addPathPatterns("/api/v1/**").order(1);
    }
}
