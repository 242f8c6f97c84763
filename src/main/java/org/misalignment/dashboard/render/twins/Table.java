package org.misalignment.dashboard.render.twins;

import java.util.List;
import java.util.function.Consumer;

/**
 * One table of a page's twin: its name (as {@code ?table=} picks it), its columns and its
 * rows, each row one value per column. The rows are read only while the twin is written,
 * so a table can stream rows from the database without holding them.
 */
public record Table(String name, List<String> columns, Rows rows) {

	/** Where a table's rows come from: hands each row, in order, to the writer. */
	@FunctionalInterface
	public interface Rows {

		void each(Consumer<List<Object>> row);

	}

	/** A table whose rows are already in memory. */
	public static Table of(String name, List<String> columns, List<List<Object>> rows) {
		return new Table(name, columns, rows::forEach);
	}

}
