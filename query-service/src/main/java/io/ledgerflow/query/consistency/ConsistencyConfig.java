package io.ledgerflow.query.consistency;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every read of the API may ask to see a command's effects first. */
@Configuration
public class ConsistencyConfig implements WebMvcConfigurer {

    private final ConsistencyWait wait;

    public ConsistencyConfig(ConsistencyWait wait) {
        this.wait = wait;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(wait).addPathPatterns("/api/v1/**");
    }
}
