package org.minbar.newsletter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A minimal SMTP server that keeps nothing but counts: messages per recipient. It can refuse chosen
 * recipients with any reply (a 550 or a 450), which GreenMail cannot. For tests and the benchmark.
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    private final Function<String, String> rcptReply;
    final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    final AtomicLong messages = new AtomicLong();

    /** {@code rcptReply}: the reply to RCPT TO for an address, or null to accept it. */
    SmtpSink(Function<String, String> rcptReply) throws IOException {
        this.rcptReply = rcptReply;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    int count(String address) {
        AtomicInteger n = delivered.get(address);
        return n == null ? 0 : n.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                threads.execute(() -> converse(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1), 65536);
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 sink");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                        String refusal = rcptReply.apply(address);
                        if (refusal == null) {
                            recipients.add(address);
                            reply(out, "250 OK");
                        } else {
                            reply(out, refusal);
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message itself is dropped
                        }
                        recipients.forEach(r -> delivered.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet());
                        messages.incrementAndGet();
                        recipients.clear();
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
