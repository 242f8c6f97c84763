package org.misalignment.dashboard.store.imports;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * Opens the one transaction an import writes everything in (see
 * {@link ImportTransaction}).
 */
@Component
public class ImportStore {

	private final DataSource dataSource;

	public ImportStore(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * A connection of the import's own, out of auto-commit until the transaction is
	 * closed.
	 */
	public ImportTransaction begin() {
		try {
			Connection connection = this.dataSource.getConnection();
			try {
				return new ImportTransaction(connection);
			}
			catch (SQLException | RuntimeException ex) {
				connection.close();
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

}
