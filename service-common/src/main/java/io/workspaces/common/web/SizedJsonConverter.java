package io.workspaces.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.lang.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;

/**
 * Spring's JSON converter, except that an ordinary response body is written whole, with its
 * {@code Content-Length}, instead of streamed as chunks: Tomcat then sends the response in one write, without a
 * separate last chunk, which costs both ends of a small request (a role lookup, an access check) less CPU
 * (docs/performance-log.md). Bodies written into a stream that is already open (server-sent events) are written as
 * before.
 */
final class SizedJsonConverter extends MappingJackson2HttpMessageConverter {

    SizedJsonConverter(ObjectMapper objectMapper) {
        super(objectMapper);
    }

    @Override
    protected void writeInternal(Object object, @Nullable Type type, HttpOutputMessage outputMessage)
            throws IOException {
        // exactly the response of a @ResponseBody or ResponseEntity: an SSE emitter's message is a wrapper
        if (outputMessage.getClass() != ServletServerHttpResponse.class) {
            super.writeInternal(object, type, outputMessage);
            return;
        }
        Buffered buffered = new Buffered(outputMessage.getHeaders());
        super.writeInternal(object, type, buffered);
        outputMessage.getHeaders().setContentLength(buffered.body.size());
        buffered.body.writeTo(outputMessage.getBody());
    }

    /** The response's headers, and a body in memory. */
    private static final class Buffered implements HttpOutputMessage {

        private final HttpHeaders headers;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(512);

        Buffered(HttpHeaders headers) {
            this.headers = headers;
        }

        @Override
        public OutputStream getBody() {
            return body;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
