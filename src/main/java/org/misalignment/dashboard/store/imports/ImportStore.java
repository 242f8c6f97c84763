package org.misalignment.dashboard.store.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opens an import's transaction (see {@link ImportTransaction}), after checking that the
 * database's disk has room for it.
 */
@Component
public class ImportStore {

	/**
	 * Disk an import into a new dataset may take on H2 while it runs, per byte of its
	 * files: the answers, their indexes and the word index, committed every
	 * {@value ImportTransaction#ANSWERS_PER_COMMIT} answers (measured:
	 * docs/operations.md, "Disk space").
	 */
	static final double NEW_DATASET_BYTES_PER_BYTE = 3;

	/**
	 * The same for an import that adds to an existing dataset: one transaction, whose
	 * pages H2 cannot reuse until it ends.
	 */
	static final double ADDED_BYTES_PER_BYTE = 30;

	private final DataSource dataSource;

	private final StagedImports staging;

	private final JdbcClient jdbc;

	public ImportStore(DataSource dataSource, StagedImports staging, JdbcClient jdbc) {
		this.dataSource = dataSource;
		this.staging = staging;
		this.jdbc = jdbc;
	}

	/**
	 * A connection of the import's own, out of auto-commit until the transaction is
	 * closed.
	 */
	public ImportTransaction begin() {
		try {
			Connection connection = this.dataSource.getConnection();
			try {
				return new ImportTransaction(connection, this.staging);
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

	/**
	 * Refuses an import the database's disk has no room for: on an H2 file database,
	 * {@link #NEW_DATASET_BYTES_PER_BYTE} (new dataset) or {@link #ADDED_BYTES_PER_BYTE}
	 * (existing one) times the size of the files must be free in its folder. Another
	 * database's disk is its server's, which this cannot see.
	 * @param bytes the size of the import's files
	 * @throws NotEnoughSpaceException naming the space needed and the space free
	 */
	public void checkSpace(String slug, long bytes) {
		Optional<Path> folder = h2Folder();
		if (folder.isEmpty()) {
			return;
		}
		boolean exists = this.jdbc.sql("SELECT COUNT(*) FROM dataset WHERE slug = ? AND status = 'ready'")
			.param(slug)
			.query(Long.class)
			.single() > 0;
		long needed = (long) (bytes * (exists ? ADDED_BYTES_PER_BYTE : NEW_DATASET_BYTES_PER_BYTE));
		long free;
		try {
			free = Files.getFileStore(folder.get()).getUsableSpace();
		}
		catch (IOException ex) {
			return; // a disk that cannot say what is free is not refused for it
		}
		if (free < needed) {
			throw new NotEnoughSpaceException(folder.get(), bytes, needed, free, exists);
		}
	}

	/** The folder of the H2 database file, when the database is one. */
	Optional<Path> h2Folder() {
		try (Connection connection = this.dataSource.getConnection()) {
			return h2Folder(connection.getMetaData().getURL());
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * The folder of an H2 file database's URL ({@code jdbc:h2:[file:]PATH[;…]}), else
	 * empty.
	 */
	static Optional<Path> h2Folder(String url) {
		if (url == null || !url.startsWith("jdbc:h2:")) {
			return Optional.empty();
		}
		String name = url.substring("jdbc:h2:".length());
		int options = name.indexOf(';');
		if (options >= 0) {
			name = name.substring(0, options);
		}
		if (name.startsWith("file:")) {
			name = name.substring("file:".length());
		}
		else if (name.matches("^(mem|tcp|ssl|zip|split|nio\\w*|async|memFS|memLZF|retry):.*")) {
			return Optional.empty();
		}
		if (name.startsWith("~")) {
			name = System.getProperty("user.home") + name.substring(1);
		}
		Path folder = Path.of(name).toAbsolutePath().getParent();
		while (folder != null && !Files.isDirectory(folder)) {
			folder = folder.getParent();
		}
		return Optional.ofNullable(folder);
	}

}
