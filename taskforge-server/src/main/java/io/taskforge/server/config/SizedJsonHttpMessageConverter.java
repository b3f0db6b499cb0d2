package io.taskforge.server.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a JSON answer with its {@code Content-Length}. Spring MVC flushes a {@code ResponseEntity}
 * as soon as its body is written, before the container could count it; the answer then went out
 * chunked, in two socket writes, and Tomcat gzipped it whatever its size (the size being unknown
 * when compression is decided), so a 500-byte {@code POST /tasks} answer cost a Deflater on the
 * server and an Inflater on every client that accepts gzip. With the length known, answers under
 * {@code server.compression.min-response-size} go out plain in one write, and larger ones are still
 * compressed.
 *
 * <p>Only answers not yet started are buffered: Server-Sent Events, whose response is committed
 * before the first event, stream as before.
 */
final class SizedJsonHttpMessageConverter extends JacksonJsonHttpMessageConverter {

    SizedJsonHttpMessageConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    protected void writeInternal(
            Object object, ResolvableType type, HttpOutputMessage output, Map<String, Object> hints)
            throws IOException {
        if (!(output instanceof ServletServerHttpResponse response)
                || response.getServletResponse().isCommitted()) {
            super.writeInternal(object, type, output, hints);
            return;
        }
        Buffered buffered = new Buffered(output.getHeaders());
        super.writeInternal(object, type, buffered, hints);
        output.getHeaders().setContentLength(buffered.body.size());
        buffered.body.writeTo(output.getBody());
    }

    /** The answer's body in memory; its headers are the real answer's. */
    private static final class Buffered implements HttpOutputMessage {
        private final HttpHeaders headers;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);

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
