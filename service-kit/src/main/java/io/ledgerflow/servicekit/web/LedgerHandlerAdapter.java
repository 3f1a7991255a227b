package io.ledgerflow.servicekit.web;

import org.springframework.validation.method.MethodValidator;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * Spring MVC's handler adapter with two changes, both made where a handler method is invoked:
 * <ul>
 *   <li><b>Method validation where declared.</b> Spring MVC 6.2 gives every request's handler the method validator,
 *   which looks up {@code @Validated} on the method and its class each time to find the validation groups (about
 *   2 % of the command-service's CPU under single transfers), even for handlers it found at start-up to need no
 *   method validation (spring-framework#36274). Such a handler gets no method validator here, so that lookup is
 *   skipped; a handler that needs method validation (a constraint on a parameter or on the return value) gets it as
 *   before. {@code @Valid @RequestBody} is checked by the data binder, not by the method validator, and is
 *   unchanged.</li>
 *   <li><b>A command's {@code Accept}</b> ({@link CommandAccept}) is checked once its arguments are resolved and
 *   checked, right before it runs.</li>
 * </ul>
 */
final class LedgerHandlerAdapter extends RequestMappingHandlerAdapter {

    @Override
    protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handlerMethod) {
        return new ServletInvocableHandlerMethod(handlerMethod) {
            @Override
            public void setMethodValidator(MethodValidator validator) {
                super.setMethodValidator(shouldValidateArguments() || shouldValidateReturnValue() ? validator : null);
            }

            @Override
            protected Object doInvoke(Object... args) throws Exception {
                if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                    CommandAccept.require(attributes.getRequest());
                }
                return super.doInvoke(args);
            }
        };
    }
}
