package io.workspaces.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Pattern;

/**
 * The access checks' HTTP client: requests written once as bytes, sent over a pool of kept-alive HTTP/1.1
 * sockets, answers read by their {@code Content-Length} (or chunks). The load generator shares the machine's
 * two cores with the services, so what it spends per request is taken from them and its pauses are counted as
 * their latency: Apache HttpClient (ServiceClient) costs about 0.08 ms of CPU and 24 KB of garbage per access
 * check, this about 0.05 ms and a fraction of the garbage (docs/performance-log.md). It speaks just enough HTTP
 * for the service's answers, and anything else it does not understand is an error, never a guess.
 */
final class PreparedRequests implements AutoCloseable {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 [1-5][0-9][0-9](?: |\r|$)");

    private final InetSocketAddress address;
    private final String basePath;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    PreparedRequests(String baseUrl) {
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("plain http only: " + baseUrl);
        }
        address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
        basePath = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    }

    /**
     * {@code method path} (below the base URL's path) with a bearer token and, unless null, a JSON body, as the
     * bytes sent on the wire.
     */
    byte[] prepare(String method, String path, String token, String jsonBody) {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(basePath).append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n")
                .append("Accept: application/json\r\n");
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\n").append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Sends {@code request} and answers the status and the body; a kept-alive socket the server had closed is replaced once. */
    ServiceClient.Response send(byte[] request) {
        Connection connection = idle.pollFirst();
        boolean reused = connection != null;
        try {
            if (connection == null) {
                connection = new Connection(address);
            }
            ServiceClient.Response response;
            try {
                response = connection.exchange(request);
            } catch (IOException failed) {
                // a kept-alive socket the server closed while it was idle fails before the first byte of an answer
                // (EOF, reset or broken pipe): the request never reached the service, so it is sent once more
                if (!reused || connection.answering) {
                    throw failed;
                }
                connection.close();
                connection = new Connection(address);
                response = connection.exchange(request);
            }
            if (connection.keepAlive) {
                idle.offerFirst(connection);
            } else {
                connection.close();
            }
            return response;
        } catch (IOException | NumberFormatException e) {
            // a number that does not parse (a length, a chunk's size) is a malformed answer like any other
            if (connection != null) {
                connection.close();
            }
            throw new IllegalStateException("request to " + address + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            connection.close();
        }
    }

    private static final class Connection {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private byte[] buffer = new byte[8192];
        private boolean keepAlive;
        private boolean answering;

        Connection(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(address, 5_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Writes the request, reads one answer. */
        ServiceClient.Response exchange(byte[] request) throws IOException {
            answering = false;
            out.write(request);
            out.flush();
            int filled = 0;
            int headEnd;
            while ((headEnd = indexOf(buffer, filled, HEADER_END)) < 0) {
                filled = fill(filled);
            }
            String head = new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1);
            if (!STATUS_LINE.matcher(head).lookingAt()) {
                throw new IOException("not an HTTP/1.1 answer: " + head.lines().findFirst().orElse(""));
            }
            int status = Integer.parseInt(head.substring(9, 12));
            String contentLength = null;
            String transferEncoding = null;
            keepAlive = true;
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).trim();
                String value = colon < 0 ? "" : line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = value;
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    transferEncoding = value;
                } else if (name.equalsIgnoreCase("Connection")) {
                    keepAlive = !value.equalsIgnoreCase("close");
                }
            }
            int bodyStart = headEnd + HEADER_END.length;
            String body;
            if (contentLength != null) {
                int end = bodyStart + Integer.parseInt(contentLength);
                while (filled < end) {
                    filled = fill(filled);
                }
                body = new String(buffer, bodyStart, end - bodyStart, StandardCharsets.UTF_8);
                if (filled != end) {
                    throw new IOException("bytes after the answer: pipelining is not used");
                }
            } else if ("chunked".equalsIgnoreCase(transferEncoding)) {
                body = chunks(bodyStart, filled);
            } else {
                throw new IOException("an answer with neither Content-Length nor chunks");
            }
            return new ServiceClient.Response(status, body);
        }

        private String chunks(int position, int filled) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int lineEnd;
                while ((lineEnd = indexOf(buffer, position, filled, CRLF)) < 0) {
                    filled = fill(filled);
                }
                String sizeLine = new String(buffer, position, lineEnd - position, StandardCharsets.US_ASCII);
                int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
                int dataStart = lineEnd + 2;
                while (filled < dataStart + size + 2) {
                    filled = fill(filled);
                }
                if (size == 0) {
                    // no trailers: the last chunk's line is followed by the blank line that ends the answer
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.write(buffer, dataStart, size);
                position = dataStart + size + 2;
            }
        }

        private int fill(int filled) throws IOException {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                throw new EOFException(filled == 0 ? "closed before answering" : "closed in the middle of an answer");
            }
            answering = true;
            return filled + read;
        }

        private static int indexOf(byte[] bytes, int length, byte[] pattern) {
            return indexOf(bytes, 0, length, pattern);
        }

        private static int indexOf(byte[] bytes, int from, int length, byte[] pattern) {
            for (int i = from; i + pattern.length <= length; i++) {
                int j = 0;
                while (j < pattern.length && bytes[i + j] == pattern[j]) {
                    j++;
                }
                if (j == pattern.length) {
                    return i;
                }
            }
            return -1;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that failed: nothing left to release
            }
        }
    }
}
