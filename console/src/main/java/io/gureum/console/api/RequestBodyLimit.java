package io.gureum.console.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest request body the API takes ({@code gureum.api.max-body-size}, 1 MiB by default): a larger declared
 * {@code Content-Length} is refused with a 413 problem before a byte of the body is read, and a body without a length
 * (chunked) is counted while it is read and refused as soon as it passes the limit. Nothing of the body is kept, so
 * a 10 MiB request costs no 10 MiB of memory.
 */
final class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestBodyLimit(DataSize max) {
        this.maxBytes = max.toBytes();
    }

    /** Thrown by the counted body once it passes the limit; {@link ApiProblems} answers it with a 413 problem. */
    static final class TooLarge extends IOException {
        final long maxBytes;

        TooLarge(long maxBytes) {
            super("The request body is larger than " + maxBytes + " bytes.");
            this.maxBytes = maxBytes;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            // The body stays unread: the connection is closed after the answer instead of being drained.
            response.setHeader("Connection", "close");
            write(response, maxBytes);
            return;
        }
        chain.doFilter(request.getContentLengthLong() >= 0 ? request : new Counted(request, maxBytes), response);
    }

    /** The 413 problem; fixed text and the limit, nothing of the request. */
    static void write(HttpServletResponse response, long maxBytes) throws IOException {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                {"type":"%s","title":"Request too large","status":413,\
                "detail":"%s","maxBytes":%d}""".formatted(ProblemTypes.TOO_LARGE, detail(maxBytes), maxBytes));
    }

    static String detail(long maxBytes) {
        return "The request body is larger than the API takes (" + maxBytes + " bytes).";
    }

    /** A request whose body (of unknown length) fails with {@link TooLarge} once more than the limit is read. */
    private static final class Counted extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream counted;

        Counted(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountedStream(super.getInputStream(), maxBytes);
            }
            return counted;
        }
    }

    private static final class CountedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        CountedStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
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
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > maxBytes) {
                throw new TooLarge(maxBytes);
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
