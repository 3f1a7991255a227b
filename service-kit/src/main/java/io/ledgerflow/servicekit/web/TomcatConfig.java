package io.ledgerflow.servicekit.web;

import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@AutoConfiguration
@EnableConfigurationProperties(WebLimitsProperties.class)
public class TomcatConfig {

    /**
     * Tomcat rejects an encoded slash ({@code %2F}) itself with an HTML page. Ids never contain a slash, so
     * passing it through lets the API answer with its own problem (an unknown id or path).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatErrorsAreProblems() {
        return factory -> factory.addContextCustomizers(context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemErrorReportValve.class.getName()));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheApi() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /**
     * A body refused with 413 is answered before it is read. Tomcat then reads and drops what is left (2 MB by
     * default) before it closes the connection; a client still sending past that gets a reset, which may drop the 413
     * it had not read yet. Draining more lets such a client see the answer.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> refusedBodiesAreDrained(WebLimitsProperties limits) {
        int drain = (int) Math.min(Integer.MAX_VALUE, limits.refusedBodyDrain().toBytes());
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setMaxSwallowSize(drain);
            }
        });
    }
}
