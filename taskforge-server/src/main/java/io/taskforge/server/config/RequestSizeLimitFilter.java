package io.taskforge.server.config;

import io.taskforge.server.problem.Problems;
import io.taskforge.server.problem.RequestTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds API request bodies before they are parsed: a declared {@code Content-Length} over the limit
 * is answered 413 at once, and a body without one (chunked) is cut off when it passes the limit, so
 * nobody can make the server buffer gigabytes of JSON. Batch creates get a larger limit of their own.
 */
final class RequestSizeLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;
    private final long maxBatchBytes;
    private final JsonMapper json;

    RequestSizeLimitFilter(long maxBytes, long maxBatchBytes, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.maxBatchBytes = maxBatchBytes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getRequestURI().endsWith("/tasks/batch") ? maxBatchBytes : maxBytes;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "request-too-large",
                    "Request too large",
                    new RequestTooLargeException(limit).getMessage());
            problem.setProperty("limit", limit);
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // Tell the client (and Tomcat) that the rest of the body will not be read.
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(declared >= 0 ? request : new LimitedRequest(request, limit), response);
    }

    /** Reads the body through a counter that stops at the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        LimitedInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw new RequestTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
