package io.workspaces.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The open-loop client reads every kind of answer the service gives (by length, in chunks, with
 * {@code Connection: close}), keeps its sockets alive between requests, and replaces a kept-alive socket the
 * server has closed; against a scripted server, so that each case happens on purpose.
 */
class PreparedRequestsTest {

    /** What the scripted server answers to the next request, and whether it closes the socket after it. */
    private record Answer(String text, boolean closeAfter, Charset encoding) {

        Answer(String text, boolean closeAfter) {
            this(text, closeAfter, StandardCharsets.UTF_8);
        }
    }

    private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;

    PreparedRequestsTest() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread handler = new Thread(() -> serve(socket), "scripted-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            while (true) {
                String request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Answer answer = script.take();
                socket.getOutputStream().write(answer.text().getBytes(answer.encoding()));
                socket.getOutputStream().flush();
                if (answer.closeAfter()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // the test is over or the client went away
        }
    }

    /** One request (head and Content-Length body) as text; null at the end of the stream. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = text.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private PreparedRequests client() {
        return new PreparedRequests("http://127.0.0.1:" + server.getLocalPort());
    }

    private static String withLength(int status, String body) {
        return "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void sendsThePreparedRequestAndReadsAnAnswerByItsLengthOnOneKeptAliveSocket() {
        try (PreparedRequests client = client()) {
            byte[] request = client.prepare("POST", "/v1/access/check", "t0k3n", "{\"checks\":[\"é\"]}");
            script.add(new Answer(withLength(200, "{\"allowed\":\"é\"}"), false));
            script.add(new Answer(withLength(403, "{}"), false));

            ServiceClient.Response first = client.send(request);
            ServiceClient.Response second = client.send(request);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("{\"allowed\":\"é\"}");
            assertThat(second.statusCode()).isEqualTo(403);
            assertThat(connections).hasValue(1);
            assertThat(requests.get(0)).startsWith("POST /v1/access/check HTTP/1.1\r\n")
                    .contains("\r\nAuthorization: Bearer t0k3n\r\n", "\r\nContent-Type: application/json\r\n",
                            "\r\nContent-Length: 17\r\n")
                    .endsWith("\r\n\r\n{\"checks\":[\"é\"]}");
        }
    }

    @Test
    void readsAChunkedAnswer() {
        try (PreparedRequests client = client()) {
            script.add(new Answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"a\":\r\n3;ext=1\r\n12}\r\n0\r\n\r\n", false));
            script.add(new Answer(withLength(200, "{}"), false));

            assertThat(client.send(client.prepare("GET", "/x", "t", null)).body()).isEqualTo("{\"a\":12}");
            assertThat(client.send(client.prepare("GET", "/x", "t", null)).body()).isEqualTo("{}");
            assertThat(connections).hasValue(1);
        }
    }

    @Test
    void aCharacterSplitBetweenTwoChunksIsReadWhole() {
        try (PreparedRequests client = client()) {
            // "é" is C3 A9 in UTF-8: the first chunk ends after C3, the second starts with A9 (written byte for
            // byte through ISO-8859-1, where U+00C3 and U+00A9 are those bytes)
            script.add(new Answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "2\r\n\"\u00c3\r\n2\r\n\u00a9\"\r\n0\r\n\r\n", false, StandardCharsets.ISO_8859_1));

            assertThat(client.send(client.prepare("GET", "/x", "t", null)).body()).isEqualTo("\"\u00e9\"");
        }
    }

    @Test
    void refusesAnAnswerWithoutAStatusLine() {
        try (PreparedRequests client = client()) {
            script.add(new Answer("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n", true));

            assertThatThrownBy(() -> client.send(client.prepare("GET", "/x", "t", null)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an HTTP/1.1 answer");
        }
    }

    @Test
    void opensANewSocketAfterAnAnswerThatClosesTheConnection() {
        try (PreparedRequests client = client()) {
            script.add(new Answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}", true));
            script.add(new Answer(withLength(200, "[]"), false));

            client.send(client.prepare("GET", "/x", "t", null));
            assertThat(client.send(client.prepare("GET", "/x", "t", null)).body()).isEqualTo("[]");
            assertThat(connections).hasValue(2);
        }
    }

    @Test
    void sendsOnceMoreOnANewSocketWhenAKeptAliveOneWasClosedByTheServer() {
        try (PreparedRequests client = client()) {
            // the server closes without saying so, as an idle timeout does
            script.add(new Answer(withLength(200, "{}"), true));
            script.add(new Answer(withLength(200, "[1]"), false));

            client.send(client.prepare("GET", "/x", "t", null));
            assertThat(client.send(client.prepare("GET", "/x", "t", null)).body()).isEqualTo("[1]");
            assertThat(connections).hasValue(2);
            assertThat(requests).hasSize(2);
        }
    }

    @Test
    void refusesAnAnswerItCannotDelimit() {
        try (PreparedRequests client = client()) {
            script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello", true));

            assertThatThrownBy(() -> client.send(client.prepare("GET", "/x", "t", null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("neither Content-Length nor chunks");
        }
    }
}
