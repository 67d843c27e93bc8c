package io.gureum.console.vm;

import io.gureum.console.consoles.ConsoleStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * A VM's VNC server as a console backend: the bytes of the RFB protocol relayed unchanged between the browser's
 * noVNC and the TCP port QEMU listens on. The console does not speak RFB itself.
 */
final class VncRelay implements ConsoleStream {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int CHUNK = 64 * 1024;

    private final Socket socket;
    private final OutputStream toServer;

    private VncRelay(Socket socket) throws IOException {
        this.socket = socket;
        this.toServer = socket.getOutputStream();
    }

    /** Connects and relays the server's bytes to {@code output} on a thread of its own until either side ends. */
    static VncRelay open(InetSocketAddress address, ConsoleStream.Output output) {
        Socket socket = new Socket();
        try {
            socket.connect(address, CONNECT_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            VncRelay relay = new VncRelay(socket);
            InputStream fromServer = socket.getInputStream();
            // A blocking read per screen; closing the socket ends it (no interrupt needed).
            Thread.ofPlatform().name("vnc-relay").daemon().start(() -> {
                byte[] buffer = new byte[CHUNK];
                try {
                    for (int n; (n = fromServer.read(buffer)) > 0; ) {
                        output.output(Arrays.copyOf(buffer, n));
                    }
                } catch (IOException closed) {
                    // the socket was closed by us or by QEMU (the VM stopped)
                } finally {
                    relay.close();
                    output.ended();
                }
            });
            return relay;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing was opened
            }
            throw new UncheckedIOException("The VM's VNC server at " + address + " does not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] input) {
        try {
            synchronized (toServer) {
                toServer.write(input);
                toServer.flush();
            }
        } catch (IOException e) {
            close();
        }
    }

    @Override
    public void resize(int columns, int rows) {
        // The guest sets its screen size; noVNC scales the picture to the dialog.
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
