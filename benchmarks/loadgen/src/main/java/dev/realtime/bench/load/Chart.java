package dev.realtime.bench.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * Draws the report's chart with Java2D: fan-out p99 latency and server CPU per delivery against
 * subscribers, and sustained capacity, one colour per server.
 */
final class Chart {

	private static final int WIDTH = 1500;

	private static final int HEIGHT = 560;

	private static final Map<ServerKind, Color> COLORS = Map.of(ServerKind.REALTIME, new Color(0x1f77b4),
			ServerKind.RAW, new Color(0x7f7f7f), ServerKind.STOMP, new Color(0xff7f0e), ServerKind.BASELINE,
			new Color(0x9ecae1), ServerKind.SOCKETIO, new Color(0x2ca02c));

	private final Results results;

	private final Settings settings;

	/** Fan-out configurations a server failed (it ran out of heap, say): marked on the chart. */
	private List<FanOutResult> failed = List.of();

	Chart(Results results, Settings settings) {
		this.results = results;
		this.settings = settings;
	}

	void write(Path png) throws IOException {
		System.setProperty("java.awt.headless", "true");
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		List<FanOutResult> fanOut = this.results.fixedRate.stream()
			.filter((r) -> r.scenario().equals("fanout") && r.skipped() == null && !r.windows().isEmpty())
			.toList();
		List<String> groups = fanOut.stream()
			.map((r) -> String.format("%,d × %s/s", r.subscribers(), Report.fmt(r.rate())))
			.distinct()
			.toList();
		List<FanOutResult> failed = this.results.fixedRate.stream()
			.filter((r) -> r.scenario().equals("fanout") && r.skipped() != null)
			.toList();
		this.failed = failed;
		panel(g, 0, "p99 publish-to-receive, fan-out (ms, log scale)", groups, fanOut,
				(w) -> w.p99Micros() / 1000.0, true);
		panel(g, 1, "server CPU per delivery (µs)", groups, fanOut, WindowResult::serverCpuMicrosPerDelivery, false);
		capacity(g, 2);
		legend(g);
		g.dispose();
		ImageIO.write(image, "png", png.toFile());
	}

	private void panel(Graphics2D g, int index, String title, List<String> groups, List<FanOutResult> rows,
			ToDoubleFunction<WindowResult> metric, boolean log) {
		int x0 = 70 + index * 500;
		int y0 = 70;
		int w = 400;
		int h = 400;
		double max = rows.stream().mapToDouble((r) -> r.median(metric)).max().orElse(1);
		double min = log ? Math.max(0.01, rows.stream().mapToDouble((r) -> r.median(metric)).min().orElse(1)) : 0;
		double lo = log ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
		double hi = log ? Math.pow(10, Math.ceil(Math.log10(max * 1.01))) : niceCeiling(max);
		axes(g, x0, y0, w, h, title, lo, hi, log);
		int groupWidth = w / Math.max(1, groups.size());
		List<ServerKind> kinds = this.settings.servers();
		int barWidth = (groupWidth - 20) / Math.max(1, kinds.size());
		for (int gi = 0; gi < groups.size(); gi++) {
			int gx = x0 + gi * groupWidth + 10;
			for (int ki = 0; ki < kinds.size(); ki++) {
				ServerKind kind = kinds.get(ki);
				String group = groups.get(gi);
				for (FanOutResult row : rows) {
					String label = String.format("%,d × %s/s", row.subscribers(), Report.fmt(row.rate()));
					if (row.kind() == kind && label.equals(group)) {
						double value = row.median(metric);
						int bh = (int) (h * scale(value, lo, hi, log));
						g.setColor(COLORS.get(kind));
						g.fillRect(gx + ki * barWidth, y0 + h - bh, barWidth - 4, bh);
						g.setColor(Color.DARK_GRAY);
						g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
						g.drawString(Report.fmt(Math.round(value * 100) / 100.0), gx + ki * barWidth, y0 + h - bh - 4);
					}
				}
			}
			for (int ki = 0; ki < kinds.size(); ki++) {
				ServerKind kind = kinds.get(ki);
				String group = groups.get(gi);
				boolean failedHere = this.failed.stream().anyMatch((r) -> r.kind() == kind
						&& String.format("%,d × %s/s", r.subscribers(), Report.fmt(r.rate())).equals(group));
				if (failedHere) {
					g.setColor(COLORS.get(kind));
					g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
					g.drawString("failed", gx + ki * barWidth, y0 + h - 6);
				}
			}
			g.setColor(Color.BLACK);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
			g.drawString(groups.get(gi), gx, y0 + h + 18);
		}
		g.drawString("subscribers × publications/s", x0 + w / 2 - 80, y0 + h + 40);
	}

	private void capacity(Graphics2D g, int index) {
		List<SearchResult> rows = new ArrayList<>(this.results.searches.stream()
			.filter((r) -> r.scenario().equals("capacity"))
			.toList());
		int x0 = 70 + index * 500;
		int y0 = 70;
		int w = 400;
		int h = 400;
		double max = rows.stream().mapToDouble(SearchResult::medianDeliveriesPerSecond).max().orElse(1);
		double hi = niceCeiling(max);
		String subscribers = rows.isEmpty() ? "" : String.format(", %,d subscribers", rows.get(0).subscribers());
		axes(g, x0, y0, w, h, "sustained deliveries/s, 1 room" + subscribers, 0, hi, false);
		int barWidth = w / Math.max(1, rows.size());
		for (int i = 0; i < rows.size(); i++) {
			SearchResult row = rows.get(i);
			double value = row.medianDeliveriesPerSecond();
			int bh = (int) (h * value / hi);
			g.setColor(COLORS.get(row.kind()));
			g.fillRect(x0 + i * barWidth + 20, y0 + h - bh, barWidth - 40, bh);
			g.setColor(Color.DARK_GRAY);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
			g.drawString(String.format("%,.0f", value), x0 + i * barWidth + 24, y0 + h - bh - 4);
			g.drawString(row.kind().label(), x0 + i * barWidth + 20, y0 + h + 18);
		}
	}

	private static void axes(Graphics2D g, int x0, int y0, int w, int h, String title, double lo, double hi, boolean log) {
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.drawString(title, x0, y0 - 20);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		g.setStroke(new BasicStroke(1));
		int ticks = log ? (int) Math.round(Math.log10(hi / lo)) : 5;
		for (int i = 0; i <= ticks; i++) {
			double value = log ? lo * Math.pow(10, i) : lo + (hi - lo) * i / ticks;
			int y = y0 + h - (int) (h * scale(value, lo, hi, log));
			g.setColor(new Color(0xdddddd));
			g.drawLine(x0, y, x0 + w, y);
			g.setColor(Color.BLACK);
			String label = (value >= 1000) ? String.format("%,.0f", value) : Report.fmt(value);
			g.drawString(label, x0 - 8 - g.getFontMetrics().stringWidth(label), y + 4);
		}
		g.drawLine(x0, y0, x0, y0 + h);
		g.drawLine(x0, y0 + h, x0 + w, y0 + h);
	}

	private void legend(Graphics2D g) {
		int x = 70;
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		for (ServerKind kind : this.settings.servers()) {
			g.setColor(COLORS.get(kind));
			g.fillRect(x, HEIGHT - 30, 14, 14);
			g.setColor(Color.BLACK);
			g.drawString(kind.label(), x + 20, HEIGHT - 18);
			x += 40 + g.getFontMetrics().stringWidth(kind.label());
		}
		g.drawString("Medians; server and load generator share the machine's 2 cores.", x + 40, HEIGHT - 18);
	}

	private static double scale(double value, double lo, double hi, boolean log) {
		if (log) {
			return Math.max(0, Math.log10(Math.max(value, lo) / lo) / Math.log10(hi / lo));
		}
		return Math.max(0, (value - lo) / (hi - lo));
	}

	private static double niceCeiling(double value) {
		if (value <= 0) {
			return 1;
		}
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= value) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

}
