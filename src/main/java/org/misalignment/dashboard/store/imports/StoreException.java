package org.misalignment.dashboard.store.imports;

import java.sql.SQLException;

import org.springframework.dao.NonTransientDataAccessException;

/**
 * The database refused a statement of an import. Its message is the database's own, word
 * for word, so that the importer can tell the user what went wrong (and where, in terms
 * of the files) without touching JDBC.
 */
public class StoreException extends NonTransientDataAccessException {

	StoreException(SQLException cause) {
		super(cause.getMessage(), cause);
	}

}
