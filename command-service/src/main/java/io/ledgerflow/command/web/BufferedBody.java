package io.ledgerflow.command.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Keeps a request body's bytes, and the type it is read as, for the request's lifetime: when Jackson stops at the
 * first field it cannot read, {@link BodyFieldErrors} reads the body again to name every invalid field. Bodies are
 * at most the size limit (1 MB by default), refused before they get here otherwise; once read, the bytes are let go.
 */
@ControllerAdvice
public class BufferedBody extends RequestBodyAdviceAdapter {

    private static final String BYTES = BufferedBody.class.getName() + ".bytes";
    private static final String TYPE = BufferedBody.class.getName() + ".type";

    /** A body as read, and the type it was read as. */
    public record Read(byte[] bytes, Type type) {
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] bytes = message.getBody().readAllBytes();
        requireUtf8(bytes);
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(BYTES, bytes, RequestAttributes.SCOPE_REQUEST);
            request.setAttribute(TYPE, targetType, RequestAttributes.SCOPE_REQUEST);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public HttpHeaders getHeaders() {
                return readAsUtf8(message.getHeaders());
            }
        };
    }

    /**
     * The bytes are UTF-8 (checked above), so they are decoded as UTF-8 whatever charset the type names: JSON has
     * no charset parameter (RFC 8259 §11), and decoding valid UTF-8 as Latin-1 would store {@code café} as other
     * text than the client sent.
     */
    private static HttpHeaders readAsUtf8(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        if (type == null || type.getParameter("charset") == null) {
            return headers;
        }
        HttpHeaders utf8 = new HttpHeaders();
        utf8.putAll(headers);
        utf8.setContentType(new MediaType(type.getType(), type.getSubtype(), StandardCharsets.UTF_8));
        return utf8;
    }

    /**
     * Jackson decodes some invalid UTF-8 (overlong forms: {@code C0 AE} as {@code .}), so one id could arrive as
     * different bytes; the JDK's decoder refuses every malformed sequence. A zero byte is valid UTF-8 but never
     * part of a JSON text (unescaped, not even inside a string); refusing it also keeps Jackson from taking an
     * ASCII body in UTF-16 or UTF-32, a zero beside every character, for that encoding.
     */
    private static void requireUtf8(byte[] bytes) throws IOException {
        for (byte b : bytes) {
            if (b == 0) {
                throw new CharConversionException("the body is not UTF-8 JSON: it holds a zero byte");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4_096);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (result.isError() || decoder.flush(out).isError()) {
            throw new CharConversionException("the body is not valid UTF-8");
        }
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(BYTES, RequestAttributes.SCOPE_REQUEST);
            request.removeAttribute(TYPE, RequestAttributes.SCOPE_REQUEST);
        }
        if (body == null) {
            // the literal `null` (what a client serializing a missing object sends) is no body to Spring, which would
            // take a post's amount as absent, "all of it"; every other body that is not an object is a 400 already
            throw new HttpMessageNotReadableException("the body is the JSON literal null",
                    MismatchedInputException.from((JsonParser) null, parameter.getParameterType(), "null body"),
                    message);
        }
        return body;
    }

    /** The body the current request's handler could not read, if any. */
    public static Optional<Read> current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null || !(request.getAttribute(BYTES, RequestAttributes.SCOPE_REQUEST) instanceof byte[] bytes)
                || !(request.getAttribute(TYPE, RequestAttributes.SCOPE_REQUEST) instanceof Type type)) {
            return Optional.empty();
        }
        return Optional.of(new Read(bytes, type));
    }
}
