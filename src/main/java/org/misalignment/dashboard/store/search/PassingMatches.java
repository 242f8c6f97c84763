package org.misalignment.dashboard.store.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

import org.misalignment.dashboard.store.search.AnswerOrder.Position;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The matches of a search in the word index that pass the rest of its filter
 * ({@link MatchJudge}), and where they stand in an order, as the SQL would order the
 * answers: pages, neighbours and places of a search without reading an answer. One
 * request's, never shared.
 */
final class PassingMatches {

	private final WordMatches matches;

	private final AnswerOrder order;

	private final MatchJudge judge;

	/**
	 * The passing matches by their index in {@code matches}, in id order, once asked for.
	 */
	private int[] passing;

	PassingMatches(AnswerFilter filter, AnswerOrder order, DatasetCatalog catalog, JdbcClient jdbc) {
		this.judge = new MatchJudge(filter, catalog, order.column() != null, jdbc);
		this.matches = this.judge.matches;
		this.order = order;
	}

	private int[] passing() {
		if (this.passing == null) {
			int[] passing = new int[this.matches.size()];
			int size = 0;
			for (int i = 0; i < passing.length; i++) {
				if (this.judge.passes(i)) {
					passing[size++] = i;
				}
			}
			this.passing = Arrays.copyOf(passing, size);
		}
		return this.passing;
	}

	int size() {
		return passing().length;
	}

	/** Whether this answer passes. */
	boolean has(long id) {
		int i = Arrays.binarySearch(this.matches.ids, id);
		return i >= 0 && this.judge.passes(i);
	}

	private Double key(int i) {
		if (this.order.column() == null) {
			return null;
		}
		double score = this.order.column().equals("s.aligned") ? this.matches.aligned()[i] : this.matches.coherent()[i];
		return Double.isNaN(score) ? null : score;
	}

	/**
	 * Match {@code i} against a place in the order, as the SQL orders answers: by id; or
	 * scored answers by the score (ties by id the same way), then those without it by id.
	 */
	private int compare(int i, Position place) {
		long id = this.matches.ids[i];
		if (this.order.column() == null) {
			return this.order.ascending() ? Long.compare(id, place.id()) : Long.compare(place.id(), id);
		}
		Double key = key(i);
		if (key == null || place.key() == null) {
			if (key == null && place.key() == null) {
				return Long.compare(id, place.id());
			}
			return (key == null) ? 1 : -1;
		}
		int compared = Double.compare(key, place.key());
		if (compared == 0) {
			compared = Long.compare(id, place.id());
		}
		return this.order.ascending() ? compared : -compared;
	}

	private Position place(int i) {
		return new Position(key(i), this.matches.ids[i]);
	}

	/** How many passing matches come before the place. */
	long ahead(Position place) {
		long ahead = 0;
		for (int i : passing()) {
			if (compare(i, place) < 0) {
				ahead++;
			}
		}
		return ahead;
	}

	/** The passing match just before the place, or {@code null}. */
	Long before(Position place) {
		int best = -1;
		for (int i : passing()) {
			if (compare(i, place) < 0 && (best < 0 || compare(i, place(best)) > 0)) {
				best = i;
			}
		}
		return (best < 0) ? null : this.matches.ids[best];
	}

	/** The passing match just after the place, or {@code null}. */
	Long after(Position place) {
		List<Long> first = following(place, 1);
		return first.isEmpty() ? null : first.get(0);
	}

	/**
	 * The first {@code count} passing matches after the place ({@code null}: from the
	 * start), in order.
	 */
	List<Long> following(Position place, int count) {
		if (this.order.column() == null && this.order.ascending()) {
			// the matches are in id order already: from the place on, as many as pass
			int from = (place == null) ? 0 : Arrays.binarySearch(this.matches.ids, place.id() + 1);
			List<Long> ids = new ArrayList<>();
			for (int i = (from >= 0) ? from : -from - 1; i < this.matches.size() && ids.size() < count; i++) {
				if (this.judge.passes(i)) {
					ids.add(this.matches.ids[i]);
				}
			}
			return ids;
		}
		int[] passing = passing();
		if (count >= passing.length) {
			// all of them: sorted
			List<Integer> all = new ArrayList<>(passing.length);
			for (int i : passing) {
				if (place == null || compare(i, place) > 0) {
					all.add(i);
				}
			}
			all.sort((a, b) -> compare(a, place(b)));
			return all.stream().map((i) -> this.matches.ids[i]).toList();
		}
		// the count smallest beyond the place, kept in a heap whose top is the largest of
		// them
		PriorityQueue<Integer> smallest = new PriorityQueue<>(count + 1, (a, b) -> -compare(a, place(b)));
		for (int i : passing) {
			if (place != null && compare(i, place) <= 0) {
				continue;
			}
			if (smallest.size() < count) {
				smallest.add(i);
			}
			else if (compare(i, place(smallest.peek())) < 0) {
				smallest.poll();
				smallest.add(i);
			}
		}
		List<Integer> chosen = new ArrayList<>(smallest);
		chosen.sort((a, b) -> compare(a, place(b)));
		return chosen.stream().map((i) -> this.matches.ids[i]).toList();
	}

}
