package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VncEndpoint;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** VNC endpoint, screenshots and serial logs: the ways an operator looks at a VM. */
final class ConsoleAccess {

    private ConsoleAccess() {
    }

    static Optional<VncEndpoint> vnc(Domain d) throws LibvirtException {
        if (!Domains.isActive(d)) {
            return Optional.empty();
        }
        DomainXml xml = DomainXml.parse(d.getXMLDesc(0));
        if (xml.vncPort() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new VncEndpoint(xml.vncListen(), xml.vncPort()));
    }

    static byte[] screenshotPng(Connect c, Domain d) throws LibvirtException {
        if (!Domains.isActive(d)) {
            throw new HypervisorException.WrongState("VM " + d.getName() + " is not running; no screen to capture");
        }
        Stream stream = c.streamNew(0);
        try {
            String mime = d.screenshot(stream, 0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = stream.receive(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
            stream.finish();
            byte[] image = out.toByteArray();
            String type = mime == null ? "" : mime.toLowerCase(Locale.ROOT);
            return type.contains("png") ? image : toPng(image);
        } catch (LibvirtException | RuntimeException e) {
            try {
                stream.abort();
            } catch (LibvirtException ignored) {
                // already finished
            }
            throw e;
        } finally {
            stream.free();
        }
    }

    /** QEMU hands out binary PPM (P6); browsers want PNG. */
    static byte[] toPng(byte[] ppm) {
        try {
            int[] pos = {0};
            String magic = token(ppm, pos);
            if (!"P6".equals(magic)) {
                throw new HypervisorException("screenshot is neither PNG nor binary PPM (" + magic + ")");
            }
            int width = Integer.parseInt(token(ppm, pos));
            int height = Integer.parseInt(token(ppm, pos));
            int max = Integer.parseInt(token(ppm, pos));
            int p = pos[0] + 1; // one whitespace byte after maxval
            int bytesPerSample = max > 255 ? 2 : 1;
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int r = ppm[p] & 0xff;
                    int g = ppm[p + bytesPerSample] & 0xff;
                    int b = ppm[p + 2 * bytesPerSample] & 0xff;
                    p += 3 * bytesPerSample;
                    img.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            if (e instanceof HypervisorException he) {
                throw he;
            }
            throw new HypervisorException("cannot convert screenshot to PNG: " + e, null, -1, e);
        }
    }

    private static String token(byte[] data, int[] pos) {
        int i = pos[0];
        while (true) {
            while (Character.isWhitespace(data[i])) {
                i++;
            }
            if (data[i] == '#') {
                while (data[i] != '\n') {
                    i++;
                }
            } else {
                break;
            }
        }
        int start = i;
        while (!Character.isWhitespace(data[i])) {
            i++;
        }
        pos[0] = i;
        return new String(data, start, i - start, StandardCharsets.US_ASCII);
    }

    /**
     * Tail of the serial log. Only files inside the driver's serial log directory are read, so a
     * hand-made domain pointing its log at some host file cannot turn this into a file reader.
     */
    static String serialLogTail(Domain d, Path serialLogDir, boolean local, int maxBytes) throws LibvirtException {
        if (maxBytes < 1) {
            throw new HypervisorException.InvalidSpec("maxBytes must be positive");
        }
        Optional<String> logPath = DomainXml.parse(d.getXMLDesc(0)).serialLogPath();
        if (logPath.isEmpty()) {
            throw new HypervisorException.WrongState("VM " + d.getName() + " has no serial log");
        }
        if (!local) {
            throw new HypervisorException("the serial log of " + d.getName() + " is on a remote host; use its pty console instead");
        }
        Path path = Path.of(logPath.get()).normalize();
        if (!path.startsWith(serialLogDir.normalize())) {
            throw new HypervisorException.WrongState("VM " + d.getName() + " logs outside the driver's log directory; not read");
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long length = file.length();
            long start = Math.max(0, length - maxBytes);
            byte[] bytes = new byte[(int) (length - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return "";
        } catch (IOException e) {
            if (!Files.exists(path)) {
                return "";
            }
            throw new HypervisorException("cannot read serial log of " + d.getName() + ": " + e.getMessage(), null, -1, e);
        }
    }
}
