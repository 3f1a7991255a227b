package io.ledgerflow.command.web;

import io.ledgerflow.servicekit.web.KnownParametersOnly;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Set;

@Configuration
class KnownParametersConfig implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new KnownParametersOnly(Set.of())).addPathPatterns("/api/v1/**");
        registry.addInterceptor(new IfMatchOnlyWhereVersioned()).addPathPatterns("/api/v1/**");
    }
}
