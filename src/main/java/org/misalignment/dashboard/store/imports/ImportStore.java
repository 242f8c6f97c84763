package org.misalignment.dashboard.store.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.misalignment.dashboard.store.Database;

import org.springframework.beans.factory.annotation.Value;
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
	 * {@value ImportTransaction#ANSWERS_PER_COMMIT} answers, with freed space reused at
	 * once ({@link H2FileSpace}; measured: docs/operations.md, "Disk space").
	 */
	static final double NEW_DATASET_BYTES_PER_BYTE = 4;

	/**
	 * The same when H2 keeps freed space for its retention time (the database served by
	 * another process, or the reuse turned off): this much per byte of the files, plus
	 * {@link #RETAINED_BYTES}.
	 */
	static final double NEW_DATASET_RETAINING_BYTES_PER_BYTE = 6;

	/** What H2 holds back during its 45 s retention time when an import writes fast. */
	static final long RETAINED_BYTES = 1536L << 20;

	/**
	 * The same for an import that adds to an existing dataset: one transaction, whose
	 * pages H2 cannot reuse until it ends.
	 */
	static final double ADDED_BYTES_PER_BYTE = 30;

	private final DataSource dataSource;

	private final StagedImports staging;

	private final JdbcClient jdbc;

	/**
	 * Whether a staged import on H2 reuses freed file space at once
	 * ({@link H2FileSpace}).
	 */
	private final boolean reuseSpace;

	/**
	 * Whether an import may set four of the answers' indexes aside
	 * ({@link SetAsideIndexes}): the import command's setting.
	 */
	private final boolean setAsideIndexes;

	/** The smallest import, in bytes of its files, that sets them aside. */
	private final long setAsideFromBytes;

	/** Bytes of a result file per answer, to guess an import's answers from its files. */
	static final long BYTES_PER_ANSWER = 1000;

	public ImportStore(DataSource dataSource, StagedImports staging, JdbcClient jdbc,
			@Value("${dashboard.import.h2-reuse-space-at-once:true}") boolean reuseSpace,
			@Value("${dashboard.import.rebuild-indexes:false}") boolean setAsideIndexes,
			@Value("${dashboard.import.rebuild-indexes-from-mb:50}") long setAsideFromMegabytes) {
		this.dataSource = dataSource;
		this.staging = staging;
		this.jdbc = jdbc;
		this.reuseSpace = reuseSpace;
		this.setAsideIndexes = setAsideIndexes;
		this.setAsideFromBytes = setAsideFromMegabytes << 20;
	}

	/**
	 * A connection of the import's own, out of auto-commit until the transaction is
	 * closed.
	 * @param bytes the size of the import's files
	 */
	public ImportTransaction begin(long bytes) {
		try {
			Connection connection = this.dataSource.getConnection();
			try {
				// a killed import may have left them set aside
				SetAsideIndexes.restore(connection);
				boolean setAside = setsAsideIndexes(connection, bytes);
				return new ImportTransaction(connection, this.staging, this.reuseSpace, setAside);
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
	 * {@link #NEW_DATASET_BYTES_PER_BYTE} (new dataset; more when H2 cannot reuse freed
	 * space at once) or {@link #ADDED_BYTES_PER_BYTE} (existing one) times the size of
	 * the files must be free in its folder. Another database's disk is its server's,
	 * which this cannot see.
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
		long needed;
		if (exists) {
			needed = (long) (bytes * ADDED_BYTES_PER_BYTE);
		}
		else if (reusesSpace()) {
			needed = (long) (bytes * NEW_DATASET_BYTES_PER_BYTE);
		}
		else {
			needed = (long) (bytes * NEW_DATASET_RETAINING_BYTES_PER_BYTE) + RETAINED_BYTES;
		}
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

	/** Whether a new dataset's import will have H2 reuse freed space at once. */
	private boolean reusesSpace() {
		try (Connection connection = this.dataSource.getConnection()) {
			return H2FileSpace.applies(connection, this.reuseSpace);
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * Whether an import of files this large sets four of the answers' indexes aside while
	 * it writes a new dataset ({@link SetAsideIndexes}): when the setting allows it, on
	 * an H2 file database in this process that no other process uses or a PostgreSQL
	 * database no dashboard or other import is connected to, when the files are at least
	 * the setting's size and hold (at a guess) at least half as many answers as are
	 * stored (building the indexes again costs about a third of keeping them up to date,
	 * per answer stored).
	 */
	boolean setsAsideIndexes(Connection connection, long bytes) throws SQLException {
		if (!this.setAsideIndexes || bytes < this.setAsideFromBytes) {
			return false;
		}
		if (Database.postgres(connection) ? !alone(POSTGRES_SESSIONS)
				: !(H2FileSpace.applies(connection, true) && alone(H2_SESSIONS))) {
			return false;
		}
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM sample")) {
			rows.next();
			return bytes / BYTES_PER_ANSWER >= rows.getLong(1) / 2;
		}
	}

	/**
	 * Builds the answers' indexes again when a killed import left them set aside
	 * ({@link SetAsideIndexes}); returns whether it did. Not while a new dataset is being
	 * imported: that import may have set them aside, and builds them itself.
	 */
	public boolean restoreIndexes() {
		if (this.staging.anyRunning()) {
			return false;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			return SetAsideIndexes.restore(connection);
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/** A database file compacted: its size before and after, and how long it took. */
	public record Compacted(Path file, long before, long after, Duration took) {
	}

	/**
	 * Compacts an H2 file database that this process opened and no other process uses
	 * (none attached through {@code AUTO_SERVER}), and closes it: H2 reuses the space an
	 * import's committed transactions freed, but gives it back to the disk only when it
	 * compacts. Does nothing on other databases, or while another process uses the file
	 * (a dashboard compacts it when it stops). Call last: the database is closed after.
	 */
	public Optional<Compacted> compactIfAlone() {
		Optional<Path> file = h2File();
		if (file.isEmpty() || !Files.exists(file.get()) || !alone(H2_SESSIONS)) {
			return Optional.empty();
		}
		try {
			long before = Files.size(file.get());
			long started = System.nanoTime();
			this.jdbc.sql("SHUTDOWN COMPACT").update();
			return Optional.of(new Compacted(file.get(), before, Files.size(file.get()),
					Duration.ofNanos(System.nanoTime() - started)));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The sessions of an H2 database (another process's attach through
	 * {@code AUTO_SERVER}).
	 */
	private static final String H2_SESSIONS = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS";

	/**
	 * The sessions of this application in a PostgreSQL database: connections named as
	 * this pool's are ({@code ApplicationName}, application-postgres.properties), a
	 * dashboard's or another import's. Other clients (a monitor sampling the database's
	 * size, an analyst's query) do not count.
	 */
	private static final String POSTGRES_SESSIONS = "SELECT COUNT(*) FROM pg_stat_activity "
			+ "WHERE datname = current_database() AND backend_type = 'client backend' "
			+ "AND application_name = current_setting('application_name')";

	/**
	 * Whether the database's only sessions, as {@code sessions} counts them, are this
	 * process's pool's.
	 */
	private boolean alone(String sessions) {
		if (!(this.dataSource instanceof HikariDataSource pool) || pool.getHikariPoolMXBean() == null) {
			return false;
		}
		int ours = pool.getHikariPoolMXBean().getTotalConnections();
		long counted = this.jdbc.sql(sessions).query(Long.class).single();
		return counted <= ours && pool.getHikariPoolMXBean().getTotalConnections() == ours;
	}

	/** The H2 database file ({@code NAME.mv.db}), when the database is an H2 file one. */
	Optional<Path> h2File() {
		return h2Path(url()).map((path) -> path.resolveSibling(path.getFileName() + ".mv.db"));
	}

	/**
	 * The folder of the H2 database file, when the database is one: the data folder,
	 * where downloads are kept too.
	 */
	public Optional<Path> h2Folder() {
		return h2Folder(url());
	}

	private String url() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.getMetaData().getURL();
		}
		catch (SQLException ex) {
			throw new StoreException(ex);
		}
	}

	/**
	 * The folder of an H2 file database's URL ({@code jdbc:h2:[file:]PATH[;…]}), or the
	 * nearest one above it that exists yet, else empty.
	 */
	static Optional<Path> h2Folder(String url) {
		return h2Path(url).map((path) -> {
			Path folder = path.getParent();
			while (folder != null && !Files.isDirectory(folder)) {
				folder = folder.getParent();
			}
			return folder;
		});
	}

	/**
	 * The absolute path of an H2 file database, without its suffix; empty for any other
	 * URL.
	 */
	private static Optional<Path> h2Path(String url) {
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
		return Optional.of(Path.of(name).toAbsolutePath());
	}

}
