package org.misalignment.dashboard.store.search;

import java.util.List;

import org.misalignment.dashboard.store.search.AnswerOrder.Position;
import org.misalignment.dashboard.store.search.AnswerSearch.Neighbours;
import org.misalignment.dashboard.store.search.AnswerSearch.Place;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where one answer stands in a filter and order, for the answer page: its neighbours
 * (each a lookup of one row) and its place (counts over the filter's answers). The answer
 * need not match the filter itself (say the rule changed since); its neighbours and place
 * are then where it would stand.
 */
final class AnswerPlaces {

	private final JdbcClient jdbc;

	private final IndexHints hints;

	AnswerPlaces(JdbcClient jdbc, IndexHints hints) {
		this.jdbc = jdbc;
		this.hints = hints;
	}

	Neighbours neighbours(long datasetId, AnswerFilter filter, AnswerOrder order, long id, Double aligned,
			Double coherent, DatasetCatalog catalog) {
		Position here = new Position(AnswerPages.key(order, aligned, coherent), id);
		if (catalog.judgesInMemory()) {
			PassingMatches matched = new PassingMatches(filter, order, catalog, this.jdbc);
			return new Neighbours(matched.before(here), matched.after(here), matched.has(id));
		}
		String column = order.column();
		Long previous;
		Long next;
		if (column == null) {
			previous = neighbour(before(datasetId, filter, order, here, catalog), AnswerQuery.orderBy(order, true),
					order, filter);
			next = neighbour(after(datasetId, filter, order, here, catalog), AnswerQuery.orderBy(order, false), order,
					filter);
		}
		else if (here.key() != null) {
			previous = neighbour(before(datasetId, filter, order, here, catalog), AnswerQuery.orderBy(order, true),
					order, filter);
			next = neighbour(after(datasetId, filter, order, here, catalog), AnswerQuery.orderBy(order, false), order,
					filter);
			if (next == null) {
				AnswerQuery unscored = AnswerQuery.of(datasetId, filter, catalog);
				unscored.unscored(column);
				unscored.idAfter(0);
				next = neighbour(unscored, AnswerQuery.unscoredOrder(column, false), order, filter);
			}
		}
		else {
			previous = neighbour(before(datasetId, filter, order, here, catalog),
					AnswerQuery.unscoredOrder(column, true), order, filter);
			if (previous == null) {
				AnswerQuery scored = AnswerQuery.of(datasetId, filter, catalog);
				scored.scored(column);
				previous = neighbour(scored, AnswerQuery.orderBy(order, true), order, filter);
			}
			next = neighbour(after(datasetId, filter, order, here, catalog), AnswerQuery.unscoredOrder(column, false),
					order, filter);
		}
		return new Neighbours(previous, next, matches(datasetId, filter, id, catalog));
	}

	/**
	 * Where the answer stands and how many answers the filter holds: counts over the
	 * filter's answers, which take time in proportion to them (on H2, ~150 ms for
	 * 500,000).
	 * @param total the filter's answers if already known (from the pre-aggregates), else
	 * {@code null}
	 */
	Place place(long datasetId, AnswerFilter filter, AnswerOrder order, long id, Double aligned, Double coherent,
			Long total, DatasetCatalog catalog) {
		Position here = new Position(AnswerPages.key(order, aligned, coherent), id);
		if (catalog.judgesInMemory()) {
			PassingMatches matched = new PassingMatches(filter, order, catalog, this.jdbc);
			return new Place(matched.ahead(here) + 1, matched.size(), matched.has(id));
		}
		long ahead = count(this.hints.alongOrder(before(datasetId, filter, order, here, catalog), order, filter));
		if (order.column() != null && here.key() == null) {
			// an answer without the score comes after every answer with it
			AnswerQuery scored = AnswerQuery.of(datasetId, filter, catalog);
			scored.scored(order.column());
			ahead += count(scored);
		}
		long all = (total != null) ? total : count(AnswerQuery.of(datasetId, filter, catalog));
		return new Place(ahead + 1, all, matches(datasetId, filter, id, catalog));
	}

	/**
	 * The answers of the filter before a place in the order: scored ones before a scored
	 * place, else by id.
	 */
	private static AnswerQuery before(long datasetId, AnswerFilter filter, AnswerOrder order, Position here,
			DatasetCatalog catalog) {
		return beyond(datasetId, filter, order, here, catalog, false);
	}

	/**
	 * The answers of the filter after a place in the order, in the same part of it as
	 * {@link #before}.
	 */
	private static AnswerQuery after(long datasetId, AnswerFilter filter, AnswerOrder order, Position here,
			DatasetCatalog catalog) {
		return beyond(datasetId, filter, order, here, catalog, true);
	}

	private static AnswerQuery beyond(long datasetId, AnswerFilter filter, AnswerOrder order, Position here,
			DatasetCatalog catalog, boolean ahead) {
		AnswerQuery query = AnswerQuery.of(datasetId, filter, catalog);
		if (order.column() != null && here.key() != null) {
			query.scored(order.column());
			if (ahead) {
				query.after(order, here);
			}
			else {
				query.before(order, here);
			}
			return query;
		}
		if (order.column() != null) {
			query.unscored(order.column());
		}
		if (ahead) {
			query.idAfter(here.id());
		}
		else {
			query.idBefore(here.id());
		}
		return query;
	}

	/**
	 * The first answer of a query in an order, for a neighbour: read along the order
	 * where it is narrowest.
	 */
	private Long neighbour(AnswerQuery query, String orderBy, AnswerOrder order, AnswerFilter filter) {
		return first(this.hints.alongOrder(query, order, filter), orderBy);
	}

	/**
	 * Whether the answer is in the filter: a lookup by id (the filter's other conditions
	 * test that one row).
	 */
	private boolean matches(long datasetId, AnswerFilter filter, long id, DatasetCatalog catalog) {
		AnswerQuery itself = AnswerQuery.of(datasetId, filter, catalog);
		itself.id(id);
		return first(itself, "s.id") != null;
	}

	private long count(AnswerQuery query) {
		return this.jdbc.sql(query.judged("SELECT COUNT(*)" + query.sql))
			.params(query.parameters)
			.query(Long.class)
			.single();
	}

	private Long first(AnswerQuery query, String orderBy) {
		List<Long> ids = this.jdbc.sql(query.judged("SELECT s.id" + query.sql + " ORDER BY " + orderBy + " LIMIT 1"))
			.params(query.parameters)
			.query(Long.class)
			.list();
		return ids.isEmpty() ? null : ids.get(0);
	}

}
