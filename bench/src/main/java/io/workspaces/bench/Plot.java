package io.workspaces.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Charts side by side, each of values against concurrent clients (one tick per concurrency), as a PNG. */
final class Plot {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd)};

    private Plot() {
    }

    /** One chart: its label and its series, name to (clients to value). */
    record Panel(String label, Map<String, Map<Integer, Double>> series) {
    }

    static void write(Path file, String title, List<Panel> panels, List<Integer> clients) throws IOException {
        BufferedImage image = new BufferedImage(60 + 700 * panels.size(), 620, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 40, 32);
        for (int i = 0; i < panels.size(); i++) {
            chart(g, 40 + 700 * i, 60, 640, 520, panels.get(i).label(), panels.get(i).series(), clients);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void chart(Graphics2D g, int x, int y, int width, int height, String label,
                              Map<String, Map<Integer, Double>> series, List<Integer> clients) {
        int left = x + 70;
        int bottom = y + height - 50;
        int right = x + width - 10;
        int top = y + 30;
        double max = series.values().stream().flatMap(values -> values.values().stream())
                .mapToDouble(Double::doubleValue).max().orElse(0) * 1.1;
        if (max <= 0) {
            max = 1;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(label, left, top - 10);
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, bottom, left, top);
        for (int tick = 0; tick <= 5; tick++) {
            int ty = bottom - (bottom - top) * tick / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(left + 1, ty, right, ty);
            g.setColor(Color.BLACK);
            g.drawString(max < 10 ? String.format("%.1f", max * tick / 5) : String.format("%.0f", max * tick / 5), x, ty + 4);
        }
        Map<Integer, Integer> xs = new LinkedHashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            int px = clients.size() == 1 ? (left + right) / 2 : left + 30 + (right - left - 60) * i / (clients.size() - 1);
            xs.put(clients.get(i), px);
            g.drawString(clients.get(i) + "", px - 6, bottom + 18);
        }
        g.drawString("concurrent clients", (left + right) / 2 - 50, bottom + 38);
        int legend = 0;
        for (Map.Entry<String, Map<Integer, Double>> line : series.entrySet()) {
            Color color = COLORS[legend % COLORS.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f));
            Integer lastX = null;
            Integer lastY = null;
            for (int c : clients) {
                Double value = line.getValue().get(c);
                if (value == null) {
                    continue;
                }
                int px = xs.get(c);
                int py = bottom - (int) ((bottom - top) * value / max);
                g.fillOval(px - 4, py - 4, 8, 8);
                if (lastX != null) {
                    g.drawLine(lastX, lastY, px, py);
                }
                lastX = px;
                lastY = py;
            }
            g.setStroke(new BasicStroke(1f));
            g.fillRect(left + 10, top + 10 + legend * 18, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(line.getKey(), left + 28, top + 21 + legend * 18);
            legend++;
        }
    }
}
