package io.ledgerflow.servicekit.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A representation is {@code application/json}, whatever JSON type the client's {@code Accept} named: Spring MVC
 * negotiates the type against what the JSON converter can write ({@code application/*+json} among them), so
 * {@code Accept: application/problem+json} labelled a 201 account as a problem and {@code application/json;level=1}
 * came back with its parameter (a probe's finding). Problems keep {@code application/problem+json}.
 */
@ControllerAdvice
public class SuccessBodiesAreJson implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                  Class<? extends HttpMessageConverter<?>> selectedConverterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (!(body instanceof ProblemDetail) && isJsonButNotPlainly(selectedContentType)) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        }
        return body;
    }

    /** {@code application/*+json}, or {@code application/json} with parameters. */
    private static boolean isJsonButNotPlainly(MediaType type) {
        if (!"application".equals(type.getType())) {
            return false;
        }
        boolean withParameters = !type.getParameters().isEmpty();
        return type.getSubtype().endsWith("+json") || "json".equals(type.getSubtype()) && withParameters;
    }
}
