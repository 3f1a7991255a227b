package io.ledgerflow.servicekit.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.GenericBeanDefinition;
import org.springframework.beans.factory.support.ManagedList;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SingleHandlerLookupShapeTest {

    private static final String SECURITY_CONFIG = "org.springframework.security.config.annotation.web.configuration"
            + ".WebMvcSecurityConfiguration$";

    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    private final BeanDefinition chain = definition("org.springframework.security.web.FilterChainProxy");

    @Test
    void the_chain_wrapped_behind_the_handler_lookup_filter_is_unwrapped() {
        register(composite(definition(SECURITY_CONFIG + "HandlerMappingIntrospectorCacheFilterFactoryBean"), chain));

        new SingleHandlerLookup().postProcessBeanFactory(beans);

        assertThat(beans.getBeanDefinition(SingleHandlerLookup.FILTER_CHAIN)).isSameAs(chain);
    }

    @Test
    void a_wrapping_of_another_shape_is_left_as_it_is() {
        BeanDefinition unknown = composite(definition("com.example.SomeOtherFilter"), chain);
        register(unknown);

        new SingleHandlerLookup().postProcessBeanFactory(beans);

        assertThat(beans.getBeanDefinition(SingleHandlerLookup.FILTER_CHAIN)).isSameAs(unknown);
    }

    @Test
    void an_unwrapped_chain_is_left_as_it_is() {
        register(chain);

        new SingleHandlerLookup().postProcessBeanFactory(beans);

        assertThat(beans.getBeanDefinition(SingleHandlerLookup.FILTER_CHAIN)).isSameAs(chain);
    }

    private void register(BeanDefinition definition) {
        beans.registerBeanDefinition(SingleHandlerLookup.FILTER_CHAIN, definition);
    }

    private static BeanDefinition composite(BeanDefinition first, BeanDefinition second) {
        ManagedList<Object> filters = new ManagedList<>();
        filters.addAll(List.of(first, second));
        BeanDefinition composite = definition(SECURITY_CONFIG + "CompositeFilterChainProxy");
        composite.getConstructorArgumentValues().addIndexedArgumentValue(0, filters);
        return composite;
    }

    private static BeanDefinition definition(String className) {
        GenericBeanDefinition definition = new GenericBeanDefinition();
        definition.setBeanClassName(className);
        return definition;
    }
}
