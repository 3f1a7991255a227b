package io.ledgerflow.servicekit.web;

import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.MethodParameter;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.MethodValidator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MethodValidationWhereDeclaredTest {

    private final CountingValidator validator = new CountingValidator();

    @Test
    void a_handler_that_needs_no_method_validation_never_looks_up_validation_groups() throws Exception {
        ServletInvocableHandlerMethod handler = invocable("plain", Object.class);

        handler.setMethodValidator(validator);

        assertThat(validator.groupLookups).hasValue(0);
    }

    @Test
    void a_handler_with_a_constraint_on_a_parameter_keeps_its_method_validation() throws Exception {
        ServletInvocableHandlerMethod handler = invocable("constrained", String.class);

        handler.setMethodValidator(validator);

        assertThat(handler.shouldValidateArguments()).isTrue();
        assertThat(validator.groupLookups).hasValue(1);
    }

    @Test
    void the_web_layer_invokes_handlers_through_it() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebMvcAutoConfiguration.class,
                        WebEdgeAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(RequestMappingHandlerAdapter.class))
                        .isInstanceOf(LedgerHandlerAdapter.class));
    }

    private static ServletInvocableHandlerMethod invocable(String name, Class<?> parameter) throws Exception {
        Method method = Handlers.class.getDeclaredMethod(name, parameter);
        // as the handler mapping registers it: with the flags found at start-up
        HandlerMethod found = new HandlerMethod(new Handlers(), method).createWithValidateFlags();
        return new LedgerHandlerAdapter().createInvocableHandlerMethod(found);
    }

    static class Handlers {

        String plain(@RequestBody Object body) {
            return "ok";
        }

        String constrained(@PathVariable @Pattern(regexp = "[a-z]+") String id) {
            return id;
        }
    }

    static class CountingValidator implements MethodValidator {

        final AtomicInteger groupLookups = new AtomicInteger();

        @Override
        public Class<?>[] determineValidationGroups(Object target, Method method) {
            groupLookups.incrementAndGet();
            return new Class<?>[0];
        }

        @Override
        public MethodValidationResult validateArguments(Object target, Method method, MethodParameter[] parameters,
                                                        Object[] arguments, Class<?>[] groups) {
            throw new UnsupportedOperationException("not called by setMethodValidator");
        }

        @Override
        public MethodValidationResult validateReturnValue(Object target, Method method, MethodParameter returnType,
                                                          Object returnValue, Class<?>[] groups) {
            throw new UnsupportedOperationException("not called by setMethodValidator");
        }
    }
}
