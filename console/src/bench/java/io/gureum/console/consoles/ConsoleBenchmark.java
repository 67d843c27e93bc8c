package io.gureum.console.consoles;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.console.bench.Bench;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HttpLogin;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import io.gureum.hypervisor.SerialSession;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14: the browser consoles' proxy path against a direct connection, on one tiny guest booted on the real
 * local QEMU, in the same run.
 * <ul>
 * <li>Serial terminal: keystroke round trip (one character typed, until the guest's shell echoes it) through the
 * console's WebSocket ({@code /consoles/socket} with a single-use token in a signed-in session, then
 * {@code virDomainOpenConsole} inside the console) against the driver's {@code openSerial} (libvirt's console
 * stream) called directly, no HTTP. Blocks of keystrokes alternate between the two.</li>
 * <li>VM screen: frames per second on a changing screen (the guest prints numbers to its VGA console without end)
 * through the WebSocket relay ({@code VncRelay}, the bytes noVNC gets) against a TCP connection straight to QEMU's
 * VNC port. The same small RFB client reads both: raw encoding, one incremental update request after each update,
 * as noVNC does.</li>
 * </ul>
 */
@ConsoleTest
@Timeout(value = 30, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBenchmark {

    static final int BLOCKS = Integer.getInteger("bench.blocks", 3);
    static final int KEYS = Integer.getInteger("bench.keys", 100);
    static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("bench.vncSeconds", 5));

    @LocalServerPort int port;
    @Autowired ConsoleService consoles;
    @Autowired VmService vms;
    @Autowired ImageCatalog images;
    @Autowired HostService hosts;
    @Autowired TaskService tasks;
    @Autowired QuotaService quotas;
    @Autowired LoginThrottle throttle;
    @Autowired Fixtures fixtures;

    private ConsoleSockets sockets;
    private Fixtures.Tenant tenant;
    private UUID vm;

    @BeforeAll
    void aRunningGuest() throws Exception {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        HostSummary local = asAdmin(() -> hosts.list().stream().filter(h -> "qemu:///system".equals(h.libvirtUri()))
                .findFirst().orElse(null));
        if (local == null || !local.acceptsPlacements()) {
            Requires.missing("no local libvirtd host (qemu:///system) registered and up: run src/host/setup.sh");
        }
        sockets = new ConsoleSockets(port, throttle);
        tenant = fixtures.tenant("bconsole");
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(10, 10_000, 1000, 10, 0, 0, 0)));
        VmOperation created = asAdmin(() -> vms.create(new NewVm("bconsole-" + System.nanoTime() % 100_000,
                tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, local.id())));
        asAdmin(() -> tasks.await(created.taskId(), Duration.ofSeconds(120)));
        vm = created.vm().id();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!asUser(tenant.member().username(), () -> vms.serialLog(vm, 64 * 1024)).contains("GUREUM-GUEST-READY")) {
            assertTrue(System.nanoTime() < deadline, "the guest did not come up");
            Thread.sleep(500);
        }
    }

    @AfterAll
    void deleteIt() {
        if (vm != null) {
            asAdmin(() -> tasks.await(vms.delete(vm).taskId(), Duration.ofSeconds(120)));
        }
    }

    @Test
    void serialKeystrokeRoundTrip() throws Exception {
        List<Long> socket = new ArrayList<>();
        List<Long> direct = new ArrayList<>();
        String load = Bench.loadAverage();
        for (int block = 0; block < BLOCKS; block++) {
            // Alternate which path goes first, so neither always meets a warmer guest.
            if (block % 2 == 0) {
                throughTheSocket(socket);
                direct(direct);
            } else {
                direct(direct);
                throughTheSocket(socket);
            }
        }
        double s = Bench.medianMs(socket);
        double d = Bench.medianMs(direct);
        Bench.report("Consoles: serial keystroke round trip",
                Bench.line("One character typed into the tiny guest's shell on ttyS0 (QEMU TCG) until its echo comes "
                        + "back; %d blocks of %d keystrokes per path, alternating, after 10 unmeasured keystrokes per "
                        + "block. 1-minute load average %s before, %s after.", BLOCKS, KEYS, load, Bench.loadAverage()),
                "",
                "| path | median ms | p95 ms |",
                "|---|---:|---:|",
                Bench.line("| console WebSocket (token, session, Origin) -> virDomainOpenConsole | %.2f | %.2f |", s,
                        Bench.percentileMs(socket, 95)),
                Bench.line("| driver openSerial directly (libvirt console stream, no HTTP) | %.2f | %.2f |", d,
                        Bench.percentileMs(direct, 95)),
                "",
                Bench.line("**ratio WebSocket / direct: median %.2f, p95 %.2f**", s / d,
                        Bench.percentileMs(socket, 95) / Bench.percentileMs(direct, 95)));
    }

    @Test
    void screenFramesPerSecond() throws Exception {
        // A screen that never stops changing: the guest's shell prints numbers to its VGA console (tty1).
        Keys shell = new Keys();
        try (SerialSession serial = asUser(tenant.member().username(), () -> vms.openSerial(vm, shell))) {
            shell.sink = serial::write;
            shell.roundTrip('x');
            serial.write("\025(i=0; while true; do i=$((i+1)); echo \"frame $i $i $i $i $i $i\"; done) > /dev/tty1 &\n"
                    .getBytes(StandardCharsets.UTF_8));
            Thread.sleep(2000);
        }
        List<Double> relay = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        List<Long> relayBytes = new ArrayList<>();
        List<Long> directBytes = new ArrayList<>();
        String load = Bench.loadAverage();
        try {
            for (int block = 0; block < BLOCKS; block++) {
                if (block % 2 == 0) {
                    relayFrames(relay, relayBytes);
                    directFrames(direct, directBytes);
                } else {
                    directFrames(direct, directBytes);
                    relayFrames(relay, relayBytes);
                }
            }
        } finally {
            Keys stop = new Keys();
            try (SerialSession serial = asUser(tenant.member().username(), () -> vms.openSerial(vm, stop))) {
                stop.sink = serial::write;
                serial.write("\025kill %1; kill $!\n".getBytes(StandardCharsets.UTF_8));
                Thread.sleep(500);
            }
        }
        double r = relay.stream().sorted().toList().get(relay.size() / 2);
        double d = direct.stream().sorted().toList().get(direct.size() / 2);
        Bench.report("Consoles: VNC frames per second",
                Bench.line("Tiny guest under QEMU TCG printing to its VGA text console without end; an RFB 3.8 client "
                        + "(raw encoding, the next incremental update request sent as soon as an update is read) "
                        + "counts updates in %d windows of %d s per path, alternating. 1-minute load average %s "
                        + "before, %s after.", BLOCKS, WINDOW.toSeconds(), load, Bench.loadAverage()),
                "",
                "| path | median frames/s | all windows | bytes per window |",
                "|---|---:|---|---|",
                Bench.line("| console WebSocket -> VncRelay -> QEMU's VNC port (noVNC's path) | %.1f | %s | %s |", r,
                        rounded(relay), relayBytes),
                Bench.line("| TCP straight to QEMU's VNC port | %.1f | %s | %s |", d, rounded(direct), directBytes),
                "",
                Bench.line("**ratio relay / direct = %.2f**", r / d));
    }

    // ---- serial

    private void throughTheSocket(List<Long> samples) throws Exception {
        try (HttpLogin login = sockets.logIn(tenant.member().username())) {
            String token = asUser(tenant.member().username(),
                    () -> consoles.issue(ConsoleKind.VM_SERIAL, vm, login.sessionId()));
            Keys keys = new Keys();
            WebSocket socket = login.webSocket().header("Origin", sockets.origin())
                    .buildAsync(sockets.socket(vm, token), keys.listener()).get(10, TimeUnit.SECONDS);
            keys.sink = bytes -> socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
            measure(keys, samples);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
        ConsoleSockets.await("the terminal to be closed", () -> consoles.openCount() == 0);
    }

    private void direct(List<Long> samples) throws Exception {
        Keys keys = new Keys();
        try (SerialSession serial = asUser(tenant.member().username(), () -> vms.openSerial(vm, keys))) {
            keys.sink = serial::write;
            measure(keys, samples);
        }
    }

    private static void measure(Keys keys, List<Long> samples) throws Exception {
        keys.send("\025"); // an empty line to start from
        Thread.sleep(200);
        for (int i = 0; i < 10 + KEYS; i++) {
            char key = (char) ('a' + i % 26);
            if (i % 25 == 24) {
                keys.send("\025"); // keep the line short: the shell redraws long lines
                Thread.sleep(50);
                keys.received.clear();
            }
            long rtt = keys.roundTrip(key);
            if (i >= 10) {
                samples.add(rtt);
            }
        }
        keys.send("\025");
    }

    /** What the guest sends back, chunk by chunk; keystrokes go to {@code sink}. */
    static final class Keys implements SerialSession.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        volatile Consumer<byte[]> sink;

        void send(String keys) {
            sink.accept(keys.getBytes(StandardCharsets.UTF_8));
        }

        /** Nanoseconds from sending {@code key} until a chunk with it arrives. */
        long roundTrip(char key) throws InterruptedException {
            received.clear();
            long t0 = System.nanoTime();
            send(String.valueOf(key));
            while (true) {
                String chunk = received.poll(5, TimeUnit.SECONDS);
                if (chunk == null) {
                    throw new AssertionError("no echo of '" + key + "' within 5 s");
                }
                if (chunk.indexOf(key) >= 0) {
                    return System.nanoTime() - t0;
                }
            }
        }

        @Override
        public void output(byte[] bytes) {
            received.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void ended() {
        }

        WebSocket.Listener listener() {
            return new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    output(bytes);
                    webSocket.request(1);
                    return null;
                }
            };
        }
    }

    // ---- VNC

    private void relayFrames(List<Double> fps, List<Long> bytes) throws Exception {
        try (HttpLogin login = sockets.logIn(tenant.member().username())) {
            String token = asUser(tenant.member().username(),
                    () -> consoles.issue(ConsoleKind.VM_SCREEN, vm, login.sessionId()));
            SocketBytes in = new SocketBytes();
            WebSocket socket = login.webSocket().header("Origin", sockets.origin())
                    .buildAsync(sockets.socket(vm, token), in).get(10, TimeUnit.SECONDS);
            OutputStream out = new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    socket.sendBinary(ByteBuffer.wrap(b, off, len).slice(), true).join();
                }
            };
            Rfb rfb = new Rfb(in, out);
            fps.add(rfb.framesPerSecond());
            bytes.add(in.total);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
        ConsoleSockets.await("the screen to be closed", () -> consoles.openCount() == 0);
    }

    private void directFrames(List<Double> fps, List<Long> bytes) throws Exception {
        InetSocketAddress address = asUser(tenant.member().username(), () -> vms.screenAddress(vm));
        try (Socket socket = new Socket()) {
            socket.connect(address, 5000);
            socket.setTcpNoDelay(true);
            CountingInput in = new CountingInput(socket.getInputStream());
            Rfb rfb = new Rfb(in, socket.getOutputStream());
            fps.add(rfb.framesPerSecond());
            bytes.add(in.total);
        }
    }

    /** The WebSocket's binary messages as one stream of bytes, as noVNC reads them. */
    static final class SocketBytes extends InputStream implements WebSocket.Listener {
        private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int at;
        long total;

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            chunks.add(bytes);
            webSocket.request(1);
            return null;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (at == current.length) {
                try {
                    current = chunks.poll(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                if (current == null) {
                    throw new IOException("nothing from the console socket for 10 s");
                }
                at = 0;
            }
            int n = Math.min(len, current.length - at);
            System.arraycopy(current, at, b, off, n);
            at += n;
            total += n;
            return n;
        }
    }

    static final class CountingInput extends java.io.FilterInputStream {
        long total;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                total += n;
            }
            return n;
        }
    }

    /** The smallest RFB 3.8 client that counts framebuffer updates: no security, raw encoding only. */
    static final class Rfb {
        private final DataInputStream in;
        private final OutputStream out;
        private int width;
        private int height;
        private int bytesPerPixel;

        Rfb(InputStream in, OutputStream out) {
            this.in = new DataInputStream(in);
            this.out = out;
        }

        double framesPerSecond() throws IOException {
            handshake();
            update(false);
            readUntilUpdate(); // the first, full picture is not counted
            int frames = 0;
            long t0 = System.nanoTime();
            long end = t0 + WINDOW.toNanos();
            update(true);
            while (System.nanoTime() < end) {
                readUntilUpdate();
                frames++;
                update(true);
            }
            return frames / ((System.nanoTime() - t0) / 1e9);
        }

        private void handshake() throws IOException {
            byte[] version = new byte[12];
            in.readFully(version);
            assertTrue(new String(version, StandardCharsets.US_ASCII).startsWith("RFB "));
            out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            int types = in.readUnsignedByte();
            assertTrue(types > 0, "the VNC server offers no security type");
            byte[] offered = new byte[types];
            in.readFully(offered);
            boolean none = false;
            for (byte type : offered) {
                none |= type == 1;
            }
            assertTrue(none, "the VNC server wants authentication");
            out.write(1);
            assertEquals(0, in.readInt(), "security result");
            out.write(1); // shared
            width = in.readUnsignedShort();
            height = in.readUnsignedShort();
            byte[] pixelFormat = new byte[16];
            in.readFully(pixelFormat);
            bytesPerPixel = (pixelFormat[0] & 0xff) / 8;
            in.readFully(new byte[in.readInt()]); // the name
            // SetEncodings: raw only.
            out.write(new byte[] {2, 0, 0, 1, 0, 0, 0, 0});
        }

        private void update(boolean incremental) throws IOException {
            out.write(new byte[] {3, (byte) (incremental ? 1 : 0), 0, 0, 0, 0, (byte) (width >> 8), (byte) width,
                    (byte) (height >> 8), (byte) height});
            out.flush();
        }

        /** Reads server messages until a framebuffer update has been read whole. */
        private void readUntilUpdate() throws IOException {
            while (true) {
                int type = in.readUnsignedByte();
                switch (type) {
                    case 0 -> {
                        in.readUnsignedByte();
                        int rects = in.readUnsignedShort();
                        for (int i = 0; i < rects; i++) {
                            in.readInt(); // x, y
                            int w = in.readUnsignedShort();
                            int h = in.readUnsignedShort();
                            int encoding = in.readInt();
                            if (encoding == 0) {
                                in.readFully(new byte[w * h * bytesPerPixel]);
                            } else if (encoding == -223) {
                                width = w; // DesktopSize: the guest changed its mode
                                height = h;
                            } else {
                                throw new IOException("unexpected encoding " + encoding);
                            }
                        }
                        return;
                    }
                    case 1 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                        in.readFully(new byte[in.readUnsignedShort() * 6]);
                    }
                    case 2 -> { } // bell
                    case 3 -> {
                        in.readFully(new byte[3]);
                        in.readFully(new byte[in.readInt()]);
                    }
                    default -> throw new IOException("unexpected RFB message " + type);
                }
            }
        }
    }

    private static List<String> rounded(List<Double> values) {
        return values.stream().map(v -> Bench.line("%.1f", v)).toList();
    }
}
