package org.misalignment.dashboard.render.share;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.misalignment.dashboard.render.share.ChartDrawing.Anchor;
import org.misalignment.dashboard.render.share.ChartDrawing.Box;
import org.misalignment.dashboard.render.share.ChartDrawing.Circle;
import org.misalignment.dashboard.render.share.ChartDrawing.Shape;
import org.misalignment.dashboard.render.share.ChartDrawing.Stroke;
import org.misalignment.dashboard.render.share.ChartDrawing.Text;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The judges page's scatter ({@link ChartKind#JUDGES_SCATTER}) as {@code judges.js} reads
 * it from the page ({@code {"a", "b", "band", "cells": [{x, y, answers}]}}, x and y the
 * middles of judge a's and judge b's bands of aligned score), read back so that the
 * embed's table and the images show the page's numbers; and its drawing, bubble areas
 * growing with the answers as {@code judges.js} draws them.
 */
record BubbleChart(String a, String b, double band, List<Cell> cells) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int PAD = 16;

	/** The largest bubble's radius in Chart.js's pixels, and the least one's. */
	private static final double MOST = 17;

	private static final double LEAST = 3;

	/** One band pair: the bands' middles and how many answers are in both. */
	record Cell(double x, double y, long answers) {
	}

	static BubbleChart parse(String json) {
		if (json == null || json.isBlank()) {
			return new BubbleChart("", "", 10, List.of());
		}
		JsonNode root = JSON.readTree(json);
		List<Cell> cells = new ArrayList<>();
		for (JsonNode cell : root.path("cells")) {
			cells.add(new Cell(cell.path("x").asDouble(), cell.path("y").asDouble(), cell.path("answers").asLong()));
		}
		return new BubbleChart(root.path("a").asString(""), root.path("b").asString(""), root.path("band").asDouble(10),
				cells);
	}

	/** The answers of every bubble together. */
	long answers() {
		return this.cells.stream().mapToLong(Cell::answers).sum();
	}

	/** A band as the tooltip writes it: {@code 10–20}. */
	String band(double middle) {
		double half = this.band / 2;
		return number(middle - half) + "–" + number(middle + half);
	}

	/** What a bubble's tooltip says in {@code judges.js}. */
	String tooltip(Cell cell) {
		return this.a + " " + band(cell.x()) + ", " + this.b + " " + band(cell.y()) + ": " + cell.answers();
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
	}

	/**
	 * The drawing: the words above and below as the bars' drawing places them, a square
	 * plot of 0–100 on both axes with a grid line every band, and a bubble per band pair.
	 */
	ChartDrawing drawing(ChartDrawing.Caption caption, String alignedWord, Theme theme, int width,
			int requestedHeight) {
		List<Shape> shapes = new ArrayList<>();
		double room = width - 2 * PAD;
		double y = PAD + 16;
		for (String line : ChartText.wrap(caption.title(), 16, true, room, 6)) {
			shapes.add(new Text(PAD, y, line, 16, true, Anchor.START, 0, theme.text, "title"));
			y += 20;
		}
		if (caption.notice() != null) {
			for (String line : ChartText.wrap(caption.notice(), 12, true, room, 8)) {
				shapes.add(new Text(PAD, y, line, 12, true, Anchor.START, 0, "#dc3545", "notice"));
				y += 16;
			}
		}
		double top = y + 10;
		List<Text> footer = new ArrayList<>();
		String[][] lines = { { caption.rule(), "rule" }, { caption.n(), "n" }, { caption.source(), "source" } };
		for (String[] line : lines) {
			for (String part : ChartText.wrap(line[0], 11, false, room, 8)) {
				footer.add(new Text(PAD, 0, part, 11, false, Anchor.START, 0, theme.muted, line[1]));
			}
		}
		double footerHeight = (footer.size() - 1) * 15 + 11;
		int height = (int) Math.max(requestedHeight, Math.ceil(top + 120 + 36 + footerHeight + PAD));
		shapes.add(0, new Box(0, 0, width, height, theme.background, "background", null));
		double footerTop = height - PAD - footerHeight;
		double lineY = footerTop + 11;
		for (Text line : footer) {
			shapes.add(new Text(line.x(), lineY, line.text(), line.size(), false, line.anchor(), 0, line.color(),
					line.role()));
			lineY += 15;
		}
		double bottom = footerTop - 36;
		double ticks = ChartText.width("100", 11, false) + 8;
		double least = PAD + 18 + ticks;
		double side = Math.min(bottom - top, width - PAD - least);
		// the square plot in the middle, its axis titles beside it
		double left = Math.max(least, (width - side) / 2);
		double right = left + side;
		double plotTop = bottom - side;
		for (double tick = 0; tick <= 100.0001; tick += this.band) {
			double across = left + side * tick / 100;
			double up = bottom - side * tick / 100;
			shapes.add(new Stroke(across, plotTop, across, bottom, theme.grid, 1, "grid"));
			shapes.add(new Stroke(left, up, right, up, theme.grid, 1, "grid"));
			shapes.add(new Text(across, bottom + 14, number(tick), 11, false, Anchor.MIDDLE, 0, theme.text, "tick"));
			shapes.add(new Text(left - 6, up + 4, number(tick), 11, false, Anchor.END, 0, theme.text, "tick"));
		}
		String xTitle = ChartText.fit(alignedWord + " (" + this.a + ")", 12, false, side);
		String yTitle = ChartText.fit(alignedWord + " (" + this.b + ")", 12, false, side);
		shapes
			.add(new Text((left + right) / 2, bottom + 30, xTitle, 12, false, Anchor.MIDDLE, 0, theme.text, "x-title"));
		shapes.add(new Text(left - ticks - 8, (plotTop + bottom) / 2, yTitle, 12, false, Anchor.MIDDLE, -90, theme.text,
				"y-title"));
		long most = Math.max(1, this.cells.stream().mapToLong(Cell::answers).max().orElse(1));
		// Chart.js's radii are for a plot of about 300 pixels: scaled with the plot
		double scale = Math.max(0.6, side / 300);
		for (Cell cell : this.cells) {
			double r = (LEAST + (MOST - LEAST) * Math.sqrt((double) cell.answers() / most)) * scale;
			shapes.add(new Circle(left + side * cell.x() / 100, bottom - side * cell.y() / 100, r, "#0d6efd", 0.5,
					"bubble", tooltip(cell)));
		}
		if (this.cells.isEmpty()) {
			shapes.add(new Text((left + right) / 2, (plotTop + bottom) / 2, "–", 13, false, Anchor.MIDDLE, 0,
					theme.muted, "empty"));
		}
		return new ChartDrawing(width, height, theme, caption.title(), shapes);
	}

}
