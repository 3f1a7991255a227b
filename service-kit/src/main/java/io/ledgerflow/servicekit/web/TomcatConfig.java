package io.ledgerflow.servicekit.web;

import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;

@AutoConfiguration
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
     * Tomcat reads and drops what is left of a body nobody read (2 MB by default) on the request thread, however
     * slowly it comes: a client trickling the body of a refused request held that thread as long as it liked. The
     * slow clients' filter drains such a body itself, within a size and a time ({@code SlowClientsFilter}); whatever
     * it leaves, Tomcat does not wait for: it closes the connection after the answer ({@link UnreadBodyValve}; a
     * swallow size of 0 alone still let Tomcat wait for one more read).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> unreadBodiesAreNotSwallowed() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                    http.setMaxSwallowSize(0);
                    // "100 Continue" only when the body is read: a request refused before (401, 403, 413) asked
                    // for its body in vain, and got it (a probe's finding)
                    http.setContinueResponseTiming("onRead");
                }
            });
            factory.addEngineValves(new UnreadBodyValve());
        };
    }
}
