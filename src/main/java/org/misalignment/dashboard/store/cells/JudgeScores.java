package org.misalignment.dashboard.store.cells;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds answers' further judges' scores to the pre-aggregate {@code judge_scores} (V22)
 * over the importer's connection, in its transaction: per judge and cell, the
 * ({@code aligned_X}, {@code coherent_X}) pairs of the answers judge X scored, packed as
 * {@link ScorePairs} packs the plain pair. Memory holds at most {@link #BUFFERED} pairs:
 * full chunks are written as they fill, and everything buffered when that many wait.
 */
public final class JudgeScores {

	private static final int BUFFERED = 100_000;

	private static final String ALIGNED = "aligned_";

	private static final String COHERENT = "coherent_";

	private final long datasetId;

	private final PreparedStatement insert;

	private final Map<Key, Chunk> chunks = new HashMap<>();

	private int buffered;

	private int pending;

	private record Key(String judge, long model, long question, String condition) {
	}

	private static final class Chunk {

		double[] pairs = new double[64];

		int count;

		long firstSample;

	}

	public JudgeScores(Connection connection, long datasetId) throws SQLException {
		this.datasetId = datasetId;
		this.insert = connection.prepareStatement("INSERT INTO judge_scores (dataset_id, judge, model_id, "
				+ "question_ref, condition_name, first_sample, answers, scores) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	}

	/**
	 * The judge a metric is one half of ({@code claude} for {@code aligned_claude} and
	 * {@code coherent_claude}), or {@code null}.
	 */
	public static String judgeOf(String metric) {
		String judge = metric.startsWith(ALIGNED) ? metric.substring(ALIGNED.length())
				: metric.startsWith(COHERENT) ? metric.substring(COHERENT.length()) : null;
		return (judge == null || judge.isEmpty()) ? null : judge;
	}

	/**
	 * Adds an answer's scores by every further judge that scored it: each judge X with
	 * {@code aligned_X} or {@code coherent_X} among its metrics.
	 */
	public void add(long model, long question, String condition, long sampleId, Map<String, Double> scores)
			throws SQLException {
		for (String metric : scores.keySet()) {
			String judge = judgeOf(metric);
			if (judge == null || (metric.startsWith(COHERENT) && scores.containsKey(ALIGNED + judge))) {
				continue;
			}
			Key key = new Key(judge, model, question, condition);
			Chunk chunk = this.chunks.computeIfAbsent(key, (k) -> new Chunk());
			if (chunk.count == 0) {
				chunk.firstSample = sampleId;
			}
			if (chunk.count * 2 == chunk.pairs.length) {
				chunk.pairs = Arrays.copyOf(chunk.pairs, Math.min(chunk.pairs.length * 2, ScorePairs.CHUNK * 2));
			}
			chunk.pairs[chunk.count * 2] = ScorePairs.value(scores.get(ALIGNED + judge));
			chunk.pairs[chunk.count * 2 + 1] = ScorePairs.value(scores.get(COHERENT + judge));
			chunk.count++;
			this.buffered++;
			if (chunk.count == ScorePairs.CHUNK) {
				write(key, chunk);
			}
		}
		if (this.buffered >= BUFFERED) {
			writeAll();
		}
	}

	/** Writes what is buffered; call before committing. */
	public void finish() throws SQLException {
		writeAll();
		this.chunks.clear();
		this.insert.close();
	}

	private void writeAll() throws SQLException {
		for (Map.Entry<Key, Chunk> chunk : this.chunks.entrySet()) {
			if (chunk.getValue().count > 0) {
				write(chunk.getKey(), chunk.getValue());
			}
		}
		if (this.pending > 0) {
			this.insert.executeBatch();
			this.pending = 0;
		}
		this.buffered = 0;
	}

	private void write(Key key, Chunk chunk) throws SQLException {
		this.insert.setLong(1, this.datasetId);
		this.insert.setString(2, key.judge());
		this.insert.setLong(3, key.model());
		this.insert.setLong(4, key.question());
		this.insert.setString(5, key.condition());
		this.insert.setLong(6, chunk.firstSample);
		this.insert.setInt(7, chunk.count);
		this.insert.setBytes(8, ScorePairs.pack(chunk.pairs, chunk.count));
		this.insert.addBatch();
		this.pending++;
		this.buffered -= chunk.count;
		chunk.count = 0;
		chunk.pairs = new double[64];
	}

}
