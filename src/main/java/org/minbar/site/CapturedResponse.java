package org.minbar.site;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A response that keeps what a rendering writes and sends nothing: for rendering a page again after
 * the reader was already answered from the kept copy. Status, content type and body are kept;
 * other headers are dropped (a kept page is served with the headers of the request serving it), a
 * cookie is noted so that the page is not kept.
 */
final class CapturedResponse extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = SC_OK;
    private String contentType;
    private Charset charset = StandardCharsets.UTF_8;
    private boolean setsCookie;
    private final RecordedHeaders headers = new RecordedHeaders();
    private ServletOutputStream stream;
    private PrintWriter writer;

    CapturedResponse(HttpServletResponse response) {
        super(response);
    }

    byte[] body() {
        if (writer != null) {
            writer.flush();
        }
        return body.toByteArray();
    }

    RecordedHeaders headers() {
        return headers;
    }

    boolean setsCookie() {
        return setsCookie;
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int sc) {
        status = sc;
    }

    @Override
    public void sendError(int sc, String msg) {
        status = sc;
    }

    @Override
    public void sendRedirect(String location) {
        status = SC_FOUND;
    }

    @Override
    public void setContentType(String type) {
        contentType = type;
        if (type != null) {
            int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                setCharacterEncoding(type.substring(at + "charset=".length()).replace("\"", "").strip());
            }
        }
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void setCharacterEncoding(String encoding) {
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            charset = StandardCharsets.UTF_8;
        }
    }

    @Override
    public String getCharacterEncoding() {
        return charset.name();
    }

    @Override
    public void setLocale(Locale locale) {
        // The page's language is in its markup; nothing to send.
    }

    @Override
    public void addCookie(Cookie cookie) {
        setsCookie = true;
    }

    @Override
    public void setHeader(String name, String value) {
        header(name, value);
        headers.set(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        header(name, value);
        headers.add(name, value);
    }

    private void header(String name, String value) {
        if ("Set-Cookie".equalsIgnoreCase(name)) {
            setsCookie = true;
        } else if ("Content-Type".equalsIgnoreCase(name)) {
            setContentType(value);
        }
    }

    @Override
    public boolean containsHeader(String name) {
        return "Set-Cookie".equalsIgnoreCase(name) ? setsCookie
                : "Content-Type".equalsIgnoreCase(name) ? contentType != null : headers.first(name) != null;
    }

    @Override
    public String getHeader(String name) {
        return "Content-Type".equalsIgnoreCase(name) ? contentType : headers.first(name);
    }

    @Override
    public java.util.Collection<String> getHeaders(String name) {
        String value = getHeader(name);
        return value == null ? List.of() : List.of(value);
    }

    @Override
    public java.util.Collection<String> getHeaderNames() {
        return contentType == null ? List.of() : List.of("Content-Type");
    }

    @Override
    public void setDateHeader(String name, long date) {
        headers.set(name, RecordedHeaders.httpDate(date));
    }

    @Override
    public void addDateHeader(String name, long date) {
        headers.add(name, RecordedHeaders.httpDate(date));
    }

    @Override
    public void setIntHeader(String name, int value) {
    }

    @Override
    public void addIntHeader(String name, int value) {
    }

    @Override
    public void setContentLength(int len) {
    }

    @Override
    public void setContentLengthLong(long len) {
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    body.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("a captured response is written synchronously");
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(body, charset));
        }
        return writer;
    }

    @Override
    public void flushBuffer() {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void reset() {
        resetBuffer();
        status = SC_OK;
        contentType = null;
    }

    @Override
    public void resetBuffer() {
        if (writer != null) {
            writer.flush();
        }
        body.reset();
    }
}
