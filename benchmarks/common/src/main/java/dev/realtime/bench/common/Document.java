package dev.realtime.bench.common;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic JSON payload for the compression scenario: a tick's {@code seq} and {@code t}
 * followed by a list of order lines (ids, SKUs, product names, categories, prices, tags), as an
 * application would publish them. It compresses the way real JSON does (repeated keys, a small
 * vocabulary, varied numbers), not the way a run of one letter does. Written as JSON it reads
 * {@code {"seq":12,"t":1764000000000000,"items":[{"id":1,"sku":"…",…},…]}}.
 *
 * @param seq position in its run
 * @param t scheduled send time in microseconds of the wall clock ({@link BenchClock})
 * @param items order lines, one of a few hundred sets that a run's publications rotate through
 */
public record Document(long seq, long t, List<Item> items) {

	private static final String[] PRODUCTS = { "Trail running shoe", "Merino wool sock", "Insulated water bottle",
			"Ultralight rain jacket", "Headlamp 400 lumen", "Dry bag 20 L", "Camp stove", "Titanium spork",
			"Sleeping pad", "Trekking pole", "Fleece pullover", "Sun hoodie", "Bear canister", "First aid kit" };

	private static final String[] CATEGORIES = { "footwear", "apparel", "hydration", "lighting", "cooking", "sleep",
			"accessories", "safety" };

	private static final String[] TAGS = { "new", "sale", "bestseller", "eco", "limited", "backorder", "gift",
			"clearance", "members" };

	/** One order line. */
	public record Item(int id, String sku, String name, String category, int priceCents, int quantity,
			boolean inStock, List<String> tags) {

		String toJson() {
			StringBuilder json = new StringBuilder("{\"id\":").append(this.id).append(",\"sku\":\"").append(this.sku)
				.append("\",\"name\":\"").append(this.name).append("\",\"category\":\"").append(this.category)
				.append("\",\"priceCents\":").append(this.priceCents).append(",\"quantity\":").append(this.quantity)
				.append(",\"inStock\":").append(this.inStock).append(",\"tags\":[");
			for (int i = 0; i < this.tags.size(); i++) {
				json.append((i > 0) ? ",\"" : "\"").append(this.tags.get(i)).append('"');
			}
			return json.append("]}").toString();
		}

	}

	/** This document as JSON, in the field order Jackson writes the records in. */
	public String toJson() {
		StringBuilder json = new StringBuilder("{\"seq\":").append(this.seq).append(",\"t\":").append(this.t)
			.append(",\"items\":[");
		for (int i = 0; i < this.items.size(); i++) {
			json.append((i > 0) ? "," : "").append(this.items.get(i).toJson());
		}
		return json.append("]}").toString();
	}

	/**
	 * Order lines that bring a document's JSON to about {@code size} bytes (at least one line),
	 * the same lines for the same size every time (a fixed seed).
	 */
	public static List<Item> itemsFor(int size) {
		return itemsFor(size, 7);
	}

	/** As above, with the lines drawn from {@code seed}: different seeds, different lines. */
	public static List<Item> itemsFor(int size, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Item> items = new ArrayList<>();
		do {
			List<String> tags = new ArrayList<>();
			for (int i = random.nextInt(3); i >= 0; i--) {
				tags.add(TAGS[random.nextInt(TAGS.length)]);
			}
			items.add(new Item(100_000 + random.nextInt(900_000),
					String.format("%s-%05d-%c", CATEGORIES[random.nextInt(CATEGORIES.length)].substring(0, 3).toUpperCase(),
							random.nextInt(100_000), (char) ('A' + random.nextInt(26))),
					PRODUCTS[random.nextInt(PRODUCTS.length)], CATEGORIES[random.nextInt(CATEGORIES.length)],
					99 + random.nextInt(40_000), 1 + random.nextInt(5), random.nextInt(10) > 0, tags));
		}
		while (new Document(1_000_000, 1_000_000_000_000_000L, items).toJson().length() < size);
		if (items.size() > 1) {
			items.remove(items.size() - 1);
		}
		return List.copyOf(items);
	}

}
