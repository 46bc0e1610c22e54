package io.workspaces.bench;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The service's HTTP API as the benchmark uses it: bearer tokens it mints itself (HS256), JSON bodies. */
final class Http {

    private final String secret;
    private final String issuer;

    Http(String secret, String issuer) {
        this.secret = secret;
        this.issuer = issuer;
    }

    String token(String principal, List<String> roles) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = "{\"sub\":\"" + principal + "\",\"iss\":\"" + issuer + "\",\"iat\":" + now + ",\"exp\":"
                + (now + 6 * 3600) + ",\"roles\":[" + roles.stream().map(role -> "\"" + role + "\"")
                .collect(Collectors.joining(",")) + "]}";
        String payload = base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8));
            return header + "." + payload + "." + base64.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer: its status and its body as text. */
    record Response(int statusCode, String body) {
    }

    /**
     * Sends one request on this thread's keep-alive connection to that host (opened on first use, and again if
     * the server closed it). A plain blocking HTTP/1.1 client: the JDK's {@code HttpClient} hands every exchange
     * between threads and cost several milliseconds a request on two cores, more than the service under test
     * (docs/performance.md).
     */
    Response send(String method, String url, String token, String json) {
        URI uri = URI.create(url);
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort())
                .append("\r\nAuthorization: Bearer ").append(token).append("\r\nAccept: application/json\r\n");
        if (json != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] request = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        String key = uri.getHost() + ":" + uri.getPort();
        for (int attempt = 1; ; attempt++) {
            Connection connection = connections.get().computeIfAbsent(key, k -> new Connection(uri.getHost(), uri.getPort()));
            try {
                return connection.exchange(request, body);
            } catch (IOException e) {
                connection.close();
                connections.get().remove(key);
                // a kept-alive connection the server had closed fails before any answer: send once more
                if (attempt == 2 || connection.answered) {
                    throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private final ThreadLocal<Map<String, Connection>> connections = ThreadLocal.withInitial(HashMap::new);

    /** One keep-alive connection, used by one thread. */
    private static final class Connection {
        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private boolean answered;

        Connection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        Response exchange(byte[] head, byte[] body) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), 5_000);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            }
            answered = false;
            out.write(head);
            out.write(body);
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("connection closed before an answer");
            }
            answered = true;
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(chunkSize(line()), 16); size > 0;
                     size = Integer.parseInt(chunkSize(line()), 16)) {
                    content.write(in.readNBytes(size));
                    line();
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used
                }
            } else if (length > 0) {
                content.write(in.readNBytes((int) length));
            } else if (length < 0 && code != 204 && code != 304) {
                content.write(in.readAllBytes());
                close = true;
            }
            if (close) {
                close();
            }
            return new Response(code, content.toString(StandardCharsets.UTF_8));
        }

        private static String chunkSize(String line) throws IOException {
            if (line == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int extension = line.indexOf(';');
            return (extension < 0 ? line : line.substring(0, extension)).trim();
        }

        /** One CRLF-terminated line, without the CRLF; null at the end of the stream. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); ; c = in.read()) {
                if (c == -1) {
                    return line.isEmpty() ? null : line.toString();
                }
                if (c == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append((char) c);
            }
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
