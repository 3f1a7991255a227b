package io.ledgerflow.servicekit.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

import java.util.List;
import java.util.Optional;

/**
 * Takes out the filter Spring Security puts in front of its chain when Spring MVC is present, which looks up every
 * request's handler ahead of the {@code DispatcherServlet} (which then looks it up again) and caches the result for
 * {@code MvcRequestMatcher}s and for CORS configured by the handlers. Here nothing reads that cache: every matcher is
 * a {@code PathPatternRequestMatcher} ({@link LedgerSecurityAutoConfiguration#pathPatternRequestMatchers()}) and CORS
 * has a source of its own. The lookup cost about 6 % of an account read's CPU and 3.5 % of a transfer's.
 *
 * <p>Spring Security 6.5 wraps the chain's bean definition as {@code WebMvcSecurityConfiguration.CompositeFilterChainProxy(
 * List.of(cacheFilter, chain))}; this runs after every registry post-processor, and puts the inner definition back
 * (itself a composite that first parses the request's path once for the path patterns).
 * If that shape ever differs (another Spring Security), it changes nothing and logs why: the service stays correct,
 * only slower, and {@code SingleHandlerLookupTest} fails.
 */
final class SingleHandlerLookup implements BeanFactoryPostProcessor {

    static final String FILTER_CHAIN = "springSecurityFilterChain";
    private static final String MVC_SUPPORT =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$";
    private static final String COMPOSITE = MVC_SUPPORT + "CompositeFilterChainProxy";
    private static final String CACHE_FILTER = MVC_SUPPORT + "HandlerMappingIntrospectorCacheFilterFactoryBean";
    private static final Log log = LogFactory.getLog(SingleHandlerLookup.class);

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(FILTER_CHAIN)) {
            return;
        }
        BeanDefinition wrapped = registry.getBeanDefinition(FILTER_CHAIN);
        if (!COMPOSITE.equals(wrapped.getBeanClassName())) {
            return;
        }
        innerChain(wrapped).ifPresentOrElse(inner -> {
            registry.removeBeanDefinition(FILTER_CHAIN);
            registry.registerBeanDefinition(FILTER_CHAIN, inner);
        }, () -> log.warn("Spring Security's filter chain is wrapped in a shape this version does not know; every "
                + "request's handler is looked up twice"));
    }

    private static Optional<BeanDefinition> innerChain(BeanDefinition composite) {
        var arguments = composite.getConstructorArgumentValues();
        ValueHolder argument = arguments.getIndexedArgumentValue(0, null);
        if (arguments.getArgumentCount() != 1 || argument == null) {
            return Optional.empty();
        }
        if (!(argument.getValue() instanceof List<?> filters) || filters.size() != 2
                || !(filters.get(0) instanceof BeanDefinition cache) || !CACHE_FILTER.equals(cache.getBeanClassName())
                || !(filters.get(1) instanceof BeanDefinition inner)) {
            return Optional.empty();
        }
        return Optional.of(inner);
    }
}
